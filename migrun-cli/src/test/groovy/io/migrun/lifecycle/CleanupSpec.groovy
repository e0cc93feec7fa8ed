package io.migrun.lifecycle

import io.migrun.internal.json.Json
import io.migrun.support.DatabaseSpecification

import java.time.Duration
import java.time.Instant

class CleanupSpec extends DatabaseSpecification {

    def setup() {
        folder.write('V1__messages.sql', "CREATE TABLE messages (id int PRIMARY KEY, body text, parts jsonb);\nINSERT INTO messages VALUES (1, 'hi', NULL);")
              .write('V2__body_to_parts.groovy', '''\
                up {
                    backfill('messages', where: 'parts IS NULL') { m -> [parts: json([[type: 'text', text: m.body]])] }
                }
                cleanupAfter 7.days
                cleanup {
                    sql.execute 'ALTER TABLE messages DROP COLUMN body'
                }
                ''')
    }

    def "up does not run the cleanup; status shows when it becomes eligible; cleanup before then is refused"() {
        when:
        def up = migrun('up')
        def status = migrun('status')
        def json = Json.parse(migrun('status', '--json').out) as Map
        def v2 = json.migrations.find { it.version == '2' }
        def all = migrun('cleanup')
        def early = migrun('cleanup', '2')

        then:
        up.exitCode == 0
        db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'messages' AND column_name = 'body'") == 1
        v2.cleanup == 'awaiting'
        (Duration.between(Instant.now(), Instant.parse(v2.cleanupEligibleAt)).toMinutes() as int) in (167 * 60)..(168 * 60)
        status.out.contains('    awaiting cleanup, eligible on ' + v2.cleanupEligibleAt.substring(0, 10))
        all.exitCode == 0
        all.out.readLines().last() == 'No cleanup is due; 1 waiting.'
        early.exitCode == 2
        early.err ==~ /(?s)ERROR: V2's cleanup is not eligible yet: it may run from \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(applied .*\)\. Wait until then, or run it now with: migrun cleanup 2 --force\n/
    }

    def "cleanup --force runs one early, once, recorded as a cleanup run"() {
        given:
        migrun('up')

        when:
        def forced = migrun('cleanup', '2', '--force')
        def again = migrun('cleanup', '2', '--force')
        def noVersion = migrun('cleanup', '--force')

        then:
        forced.exitCode == 0
        forced.out ==~ /Cleaned up V2 body to parts \(\d+ ms\)\n/
        db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'messages' AND column_name = 'body'") == 0
        db.rows("SELECT kind, state FROM _migrationLog WHERE version = '2' ORDER BY id") ==
                [[kind: 'versioned', state: 'succeeded'], [kind: 'cleanup', state: 'awaiting'], [kind: 'cleanup', state: 'succeeded']]
        again.exitCode == 2
        again.err.startsWith('ERROR: V2 was cleaned up on ')
        noVersion.exitCode == 2
        noVersion.err == 'ERROR: --force runs one cleanup early and needs its version: migrun cleanup <version> --force.\n'
    }

    def "migrun cleanup runs every cleanup whose wait has passed"() {
        given:
        folder.write('V3__soon.groovy', '''\
                up { sql.execute 'CREATE TABLE scratch (id int)' }
                cleanupAfter '0s'
                cleanup { sql.execute 'DROP TABLE scratch' }
                ''')
        migrun('up')

        when:
        def r = migrun('cleanup')

        then:
        r.exitCode == 0
        r.out.readLines()[0] ==~ /Cleaned up V3 soon \(\d+ ms\)/
        r.out.readLines()[1].startsWith('V2 body to parts: awaiting cleanup, eligible on ')
        db.value("SELECT to_regclass('scratch') IS NULL") == true
    }

    def "a cleanup block without cleanupAfter is refused when the migration is prepared"() {
        given:
        folder.write('V3__half.groovy', 'up { }\ncleanup { }')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err.contains('V3__half.groovy declares a cleanup { } block without cleanupAfter; give both, e.g. cleanupAfter 7.days and cleanup { … }.')
    }
}
