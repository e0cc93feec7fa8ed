package io.migrun.lifecycle

import io.migrun.support.DatabaseSpecification

class DownAfterCleanupSpec extends DatabaseSpecification {

    def setup() {
        folder.write('V1__messages.sql', "CREATE TABLE messages (id int PRIMARY KEY, body text);\nINSERT INTO messages VALUES (1, 'hi');")
              .write('V2__body_to_parts.groovy', '''\
                up {
                    sql.execute 'ALTER TABLE messages ADD COLUMN parts jsonb'
                    sql.execute "UPDATE messages SET parts = jsonb_build_array(jsonb_build_object('text', body))"
                }
                cleanupAfter '0s'
                cleanup {
                    sql.execute 'ALTER TABLE messages DROP COLUMN body'
                }
                down {
                    sql.execute 'ALTER TABLE messages DROP COLUMN parts'
                }
                ''')
    }

    /** The refusal for V2, naming the cleanup run of the log. */
    String refusal() {
        def cleanup = db.rows('''SELECT id, to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS "on"
                                 FROM _migrationLog WHERE kind = 'cleanup' AND state = 'succeeded'''')[0]
        "ERROR: Cannot undo V2 (V2__body_to_parts.groovy): its cleanup ran on ${cleanup.on} UTC (log id ${cleanup.id}), so the old form " +
                'of its data may be gone and its down block, written for the expand phase, would destroy what exists only in the new form. ' +
                'Nothing was undone. Reverse the change in a new migration, or run migrun down --force to undo it anyway.\n'
    }

    def "down of a migration whose cleanup ran is refused, naming the cleanup run and its date; the dry run says the same"() {
        given:
        migrun('up')
        migrun('cleanup')

        when:
        def down = migrun(*args)

        then:
        down.exitCode == 2
        down.err == refusal()
        down.out == ''
        db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'messages' AND column_name = 'parts'") == 1
        db.value("SELECT count(*) FROM _migrationLog WHERE kind = 'down'") == 0

        where:
        args << [['down'], ['down', '--dry-run'], ['down', '--to', '1'], ['down', '--count', '1', '--dry-run']]
    }

    def "down --force undoes it anyway; before the cleanup ran, down needs no --force"() {
        given:
        migrun('up')

        when: 'the cleanup has not run yet'
        def early = migrun('down')

        then:
        early.exitCode == 0
        early.out.readLines()[0] ==~ /Undid V2 body to parts \(\d+ ms\)/

        when:
        migrun('up')
        migrun('cleanup')
        def dry = migrun('down', '--dry-run', '--force')
        def forced = migrun('down', '--force')

        then:
        dry.exitCode == 0
        dry.out.contains('V2 body to parts\n')
        forced.exitCode == 0
        forced.out.readLines()[0] ==~ /Undid V2 body to parts \(\d+ ms\)/
        db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'messages' AND column_name IN ('body', 'parts')") == 0
    }

    def "a migration without a cleanup phase, or whose cleanup only waits, goes down without --force"() {
        given:
        folder.write('V2__body_to_parts.groovy', '''\
                up { sql.execute 'ALTER TABLE messages ADD COLUMN parts jsonb' }
                cleanupAfter 7.days
                cleanup { sql.execute 'ALTER TABLE messages DROP COLUMN body' }
                down { sql.execute 'ALTER TABLE messages DROP COLUMN parts' }
                ''')
        migrun('up')

        when:
        def down = migrun('down')

        then:
        down.exitCode == 0
        db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'messages' AND column_name = 'body'") == 1
    }
}
