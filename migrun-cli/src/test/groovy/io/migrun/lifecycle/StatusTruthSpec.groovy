package io.migrun.lifecycle

import io.migrun.internal.json.Json
import io.migrun.support.DatabaseSpecification

class StatusTruthSpec extends DatabaseSpecification {

    def setup() {
        folder.write('V1__settings.sql', 'CREATE TABLE settings (k text PRIMARY KEY, v text);')
              .write('R__setting_names.sql', 'CREATE OR REPLACE VIEW setting_names AS SELECT k FROM settings;')
    }

    Map repeatable(String script) {
        (Json.parse(migrun('status', '--json').out) as Map).migrations.find { it.script == script } as Map
    }

    def "a new R__ script is pending in status, validate and up --dry-run, because up will run it"() {
        when:
        def status = migrun('status')
        def validate = migrun('validate')
        def dry = migrun('up', '--dry-run')

        then:
        status.out.readLines()[3] ==~ / +setting names +pending */
        status.out.readLines()[4] == 'No migration applied yet; 2 pending.'
        repeatable('R__setting_names.sql').subMap('version', 'state', 'checksum') == [version: null, state: 'PENDING', checksum: null]
        validate.out == 'Validated 2 migrations: 0 applied with matching checksums, 2 pending.\n'
        dry.exitCode == 0
        dry.out.contains('\nR__setting_names.sql setting names\n  no rows changed\n')
        dry.out.endsWith('Dry run finished: 2 migrations ran and were rolled back.\n')
    }

    def "a changed R__ script is pending again in status, validate and up --dry-run until up runs it"() {
        given:
        migrun('up')
        def applied = migrun('status')
        folder.write('R__setting_names.sql', 'CREATE OR REPLACE VIEW setting_names AS SELECT k, v FROM settings;')

        when:
        def status = migrun('status')
        def validate = migrun('validate')
        def dry = migrun('up', '--dry-run')

        then:
        applied.out.readLines()[3] ==~ / +setting names +succeeded +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d+ ms +ok/
        applied.out.readLines()[4] == 'Now at version 1; 0 pending.'
        status.out.readLines()[3] ==~ / +setting names +pending +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d+ ms +changed/
        status.out.readLines()[4] == 'Now at version 1; 1 pending.'
        repeatable('R__setting_names.sql').subMap('version', 'state', 'checksum') == [version: null, state: 'PENDING', checksum: 'changed']
        validate.out == 'Validated 2 migrations: 1 applied with matching checksums, 1 pending.\n'
        dry.out == '''\
            Dry run: pending migrations run in one transaction that is rolled back; nothing is committed or recorded.
            R__setting_names.sql setting names
              no rows changed
            Dry run finished: 1 migration ran and was rolled back.
            '''.stripIndent()
        db.rows("SELECT kind, state FROM _migrationLog WHERE kind = 'repeatable'") == [[kind: 'repeatable', state: 'succeeded']]

        when:
        migrun('up')

        then:
        repeatable('R__setting_names.sql').subMap('state', 'checksum') == [state: 'SUCCEEDED', checksum: 'ok']
        db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'setting_names'") == 2
    }

    def "a failed R__ script is failed in status and counts as pending"() {
        given:
        folder.write('R__broken.sql', 'SELECT * FROM missing_table;')
        migrun('up')

        when:
        def status = migrun('status')

        then:
        status.out.readLines()[3] ==~ / +broken +failed +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d+ ms */
        status.out.readLines()[4] ==~ / +setting names +pending */
        status.out.readLines()[5] == 'Now at version 1; 2 pending, 1 failed (see the error column of _migrationLog).'
        repeatable('R__broken.sql').error.startsWith('R__broken.sql:1: ERROR: relation "missing_table" does not exist')
    }

    def "the duration of a resumed migration is its total over every run, with the last run's"() {
        given:
        folder.write('V2__fill.groovy', '''\
                up {
                    eachBatch('SELECT g AS id FROM generate_series(1, 30) g', key: 'id', batchSize: 10) { rows ->
                        sql.execute 'SELECT pg_sleep(0.05)'
                    }
                }
                ''')
        migrun('up', '--max-batches', '1')
        migrun('up', '--max-batches', '1')
        migrun('up')
        def runs = db.rows("SELECT state, duration_ms FROM _migrationLog WHERE version = '2' ORDER BY id")
        long total = runs.sum { it.duration_ms } as long
        long last = runs[-1].duration_ms as long

        when:
        def status = migrun('status')
        def v2 = (Json.parse(migrun('status', '--json').out) as Map).migrations.find { it.version == '2' }

        then:
        runs*.state == ['paused', 'paused', 'succeeded']
        status.out.readLines()[3] ==~ /2 +fill +succeeded +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +${total} ms \(3 runs, last ${last} ms\) +ok/
        v2.durationMs == total
        v2.lastDurationMs == last
        v2.runs == 3
    }

    def "a migration applied in one run shows that run's duration"() {
        given:
        migrun('up')
        long ms = db.value("SELECT duration_ms FROM _migrationLog WHERE version = '1'") as long

        when:
        def v1 = (Json.parse(migrun('status', '--json').out) as Map).migrations.find { it.version == '1' }

        then:
        migrun('status').out.readLines()[2] ==~ /1 +settings +succeeded +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +${ms} ms +ok/
        v1.durationMs == ms
        v1.lastDurationMs == ms
        v1.runs == 1
    }
}
