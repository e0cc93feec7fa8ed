package io.migrun.batch

import io.migrun.support.DatabaseSpecification

class DryRunSpec extends DatabaseSpecification {

    def setup() {
        folder.write('V1__messages.sql', '''\
            CREATE TABLE messages (id int PRIMARY KEY, body text NOT NULL, parts jsonb);
            INSERT INTO messages (id, body) SELECT g, 'body ' || g FROM generate_series(1, 2500) g;
            ''')
        assert migrun('up').exitCode == 0
    }

    def "a dry run runs pending migrations for real, shows what changed, and keeps and records nothing"() {
        given:
        folder.write('V2__notes.sql', "CREATE TABLE notes (v text); INSERT INTO notes VALUES ('a'), ('b');")
              .write('V3__parts.groovy', '''\
                  up {
                      step('clean') { sql.execute "DELETE FROM notes WHERE v = 'a'" }
                      backfill('messages', batchSize: 1000) { m -> [parts: [[type: 'text', text: m.body]]] }
                      [touched: 'messages']
                  }
                  ''')

        when:
        def r = migrun('up', '--dry-run')

        then:
        r.exitCode == 0
        r.out == '''\
            Dry run: pending migrations run in one transaction that is rolled back; nothing is committed or recorded.
            V2 notes
              public.notes: 2 inserted, 0 updated, 0 deleted
            V3 parts
              public.messages: 0 inserted, 1,000 updated, 0 deleted
              public.notes: 0 inserted, 0 updated, 1 deleted
              messages: the block ran over the first 1,000 rows
              messages id=1 parts: null -> [{"type":"text","text":"body 1"}]
              messages id=2 parts: null -> [{"type":"text","text":"body 2"}]
              messages id=3 parts: null -> [{"type":"text","text":"body 3"}]
              result: {"touched":"messages"}
            Dry run finished: 2 migrations ran and were rolled back.
            '''.stripIndent()
        db.value("SELECT to_regclass('notes')") == null
        db.value('SELECT count(*) FROM messages WHERE parts IS NOT NULL') == 0
        db.value('SELECT count(*) FROM _migrationLog') == 1
        db.value('SELECT count(*) FROM _migrationcheckpoints') == 0
    }

    def "--limit sets how many rows each walk covers"() {
        given:
        folder.write('V2__parts.groovy', "up { backfill('messages', batchSize: 100) { m -> [parts: []] } }\n")

        when:
        def r = migrun('up', '--dry-run', '--limit', '250')

        then:
        r.exitCode == 0
        r.out.contains('  messages: the block ran over the first 300 rows\n')
        r.out.contains('public.messages: 0 inserted, 300 updated, 0 deleted')
    }

    def "a migration without a transaction is refused with the reason, after the ones before it"() {
        given:
        folder.write('V2__notes.sql', 'CREATE TABLE notes (v text);')
              .write('V3__index.groovy', "transaction false\nup { sql.execute 'CREATE INDEX CONCURRENTLY i ON messages (body)' }\n")

        when:
        def r = migrun('up', '--dry-run')

        then:
        r.exitCode == 1
        r.out.endsWith('''\
            V3 (V3__index.groovy) runs without a transaction, so a dry run could not undo it; the dry run stops before it.
            Dry run finished: 1 migration ran and was rolled back.
            '''.stripIndent())
        db.value("SELECT to_regclass('notes')") == null
    }

    def "a failure in a dry run names the script line and leaves nothing behind"() {
        given:
        folder.write('V2__boom.groovy', '''\
            up {
                sql.execute "UPDATE messages SET body = 'x'"
                throw new IllegalStateException('boom')
            }
            ''')

        when:
        def r = migrun('up', '--dry-run')

        then:
        r.exitCode == 1
        r.err == 'ERROR: Dry run of V2 (V2__boom.groovy) failed:\n  V2__boom.groovy:3: java.lang.IllegalStateException: boom\nNothing was committed or recorded.\n'
        db.value("SELECT count(*) FROM messages WHERE body = 'x'") == 0
        db.value('SELECT count(*) FROM _migrationLog') == 1
    }

    def "a script can tell that it runs in a dry run"() {
        given:
        folder.write('V2__aware.groovy', "up { [dryRun: dryRun] }\n")

        when:
        def dry = migrun('up', '--dry-run')
        def real = migrun('up')

        then:
        dry.out.contains('  result: {"dryRun":true}\n')
        real.exitCode == 0
        db.value("SELECT result::text FROM _migrationLog WHERE version = '2'") == '{"dryRun": false}'
    }

    def "--limit without --dry-run is a usage error"() {
        expect:
        migrun('up', '--limit', '5').with { exitCode == 2 && err == 'ERROR: --limit goes with --dry-run.\n' }
    }
}
