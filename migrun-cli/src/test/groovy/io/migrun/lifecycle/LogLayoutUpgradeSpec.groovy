package io.migrun.lifecycle

import com.fasterxml.jackson.databind.ObjectMapper
import io.migrun.support.Cli
import io.migrun.support.DatabaseSpecification
import io.migrun.support.FreshDatabase
import io.migrun.support.LogTable
import io.migrun.support.MigrationFolder
import io.migrun.support.TestPostgres
import spock.lang.TempDir

import java.nio.file.Path

/**
 * A database an older migrun left behind, its log in an older layout and rows in it: {@code status}
 * reads it as it is, {@code up} upgrades the log in place to what a new install creates, reads the
 * old rows as they were written and goes on from them, and a second {@code up} changes nothing.
 */
class LogLayoutUpgradeSpec extends DatabaseSpecification {

    static final String V1 = 'CREATE TABLE items (id int PRIMARY KEY, n int NOT NULL DEFAULT 0);\nINSERT INTO items (id) SELECT g FROM generate_series(1, 30) g;\n'
    static final String V2 = 'ALTER TABLE items ADD COLUMN note text;\n'
    static final String V3 = "UPDATE items SET note = 'v3';\n"
    static final String V4 = "up {\n    backfill('items', batchSize: 10) { r -> [n: r.n + 1] }\n}\n"

    @TempDir
    Path freshDir

    def setup() {
        folder.write('V1__items.sql', V1).write('V2__note.sql', V2).write('V3__notes.sql', V3).write('V4__count.groovy', V4)
    }

    /** The log's tables as the catalog describes them: columns, indexes and the layout comment. */
    static List<Map> catalog(FreshDatabase db) {
        db.rows("""SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
                   WHERE table_schema = 'public' AND table_name LIKE '\\_migration%' ORDER BY table_name, ordinal_position""") +
                db.rows("""SELECT tablename, indexname, indexdef FROM pg_indexes
                           WHERE schemaname = 'public' AND tablename LIKE '\\_migration%' ORDER BY indexname""") +
                [[comment: db.value("SELECT obj_description('public._migrationlog'::regclass, 'pg_class')")]]
    }

    /** The catalog of a log this migrun creates on a database it never saw. */
    List<Map> newInstall() {
        FreshDatabase other = TestPostgres.fresh()
        new MigrationFolder(freshDir).write('V1__items.sql', V1)
        assert Cli.run(freshDir, other.env(), 'up').exitCode == 0
        catalog(other)
    }

    /** Runs up once more: it applies nothing and leaves the log's tables and rows as they were. */
    void upAgainChangesNothing() {
        List<Map> tables = catalog(db)
        List<Map> log = db.rows('SELECT * FROM _migrationlog ORDER BY id')
        def again = migrun('up')
        assert again.exitCode == 0
        assert again.out == 'Database is up to date at version 4; nothing to apply.\n'
        assert catalog(db) == tables
        assert db.rows('SELECT * FROM _migrationlog ORDER BY id') == log
    }

    Map<String, Map> status() {
        def r = migrun('status', '--json')
        assert r.exitCode == 0: r
        (new ObjectMapper().readValue(r.out, Map).migrations as List<Map>).collectEntries { [(it.version): it] }
    }

    static Map row(Map values) {
        [description: 'from the log', checksum: LogTable.checksum(values.remove('text') as String), run_by: 'app on old-host (pid 100)'] + values
    }

    void layoutOne() {
        LogTable.create(db, 1)
        db.sql { it.execute('SET ROLE app'); it.execute(V1); it.execute(V2) }
        LogTable.insert(db, row(version: '1', script: 'V1__items.sql', text: V1, state: 'succeeded', started_at: '2025-03-01 10:00:00+00', duration_ms: 40))
        LogTable.insert(db, row(version: '2', script: 'V2__note.sql', text: V2, state: 'failed', started_at: '2025-03-01 10:00:01+00', duration_ms: 5,
                error: 'V2__note.sql:1: ERROR: canceling statement due to lock timeout'))
        LogTable.insert(db, row(version: '2', script: 'V2__note.sql', text: V2, state: 'succeeded', started_at: '2025-03-02 10:00:00+00', duration_ms: 15))
        LogTable.insert(db, row(version: '3', script: 'V3__notes.sql', text: V3, state: 'running', started_at: '2025-03-03 10:00:00+00'))
    }

    def "a layout 1 log is read as it is by status, upgraded by up to a new install's layout with its rows kept, and left alone by the next up"() {
        given:
        layoutOne()
        List<Map> oldRows = db.rows('SELECT * FROM _migrationlog WHERE id <= 3 ORDER BY id')

        when:
        Map<String, Map> before = status()

        then: 'status reads the old log and creates nothing'
        before.collectEntries { v, m -> [(v): [m.state, m.checksum]] } == ['1': ['SUCCEEDED', 'ok'], '2': ['SUCCEEDED', 'ok'], '3': ['INTERRUPTED', null], '4': ['PENDING', null]]
        before['2'].subMap('durationMs', 'lastDurationMs', 'runs', 'appliedAt') == [durationMs: 20, lastDurationMs: 15, runs: 2, appliedAt: '2025-03-02T10:00:00Z']
        db.value("SELECT obj_description('public._migrationlog'::regclass, 'pg_class')") == 'migrun log layout 1'
        db.value("SELECT to_regclass('public._migrationcheckpoints') IS NULL")

        when:
        def up = migrun('up')

        then:
        up.exitCode == 0
        up.out.readLines()[0] == 'V3 was interrupted earlier: interrupted: the runner (app on old-host (pid 100)) stopped before the run finished; its transaction was rolled back.'
        up.out.readLines()[1] == 'V3__notes.sql:1: MR012 UPDATE or DELETE without WHERE in a transactional migration (migrun lint shows why and the safe rewrite)'
        up.out.readLines()[2] ==~ /Applied V3 notes \(\d+ ms\)/
        up.out.readLines()[3] ==~ /  \[V4\] backfill items: done, 30 rows, [\d,]+ rows\/s/
        up.out.readLines()[4] ==~ /Applied V4 count \(\d+ ms\)/
        up.out.readLines()[5] ==~ /Applied 2 migrations, now at version 4 \(\d+\.\d s\)/
        up.out.readLines().size() == 6
        catalog(db) == newInstall()
        db.rows('SELECT * FROM _migrationlog WHERE id <= 3 ORDER BY id') == oldRows
        db.rows('SELECT id, version, kind, state, error FROM _migrationlog WHERE id > 3 ORDER BY id') == [
                [id: 4L, version: '3', kind: 'versioned', state: 'failed',
                 error: 'interrupted: the runner (app on old-host (pid 100)) stopped before the run finished; its transaction was rolled back'],
                [id: 5L, version: '3', kind: 'versioned', state: 'succeeded', error: null],
                [id: 6L, version: '4', kind: 'versioned', state: 'succeeded', error: null]]
        db.value('SELECT duration_ms FROM _migrationlog WHERE id = 4') == null
        db.rows('SELECT n, note, count(*) AS c FROM items GROUP BY n, note') == [[n: 1, note: 'v3', c: 30L]]

        and:
        upAgainChangesNothing()
        status().collectEntries { v, m -> [(v): [m.state, m.checksum]] } == ['1': ['SUCCEEDED', 'ok'], '2': ['SUCCEEDED', 'ok'], '3': ['SUCCEEDED', 'ok'], '4': ['SUCCEEDED', 'ok']]
    }

    void layoutTwo() {
        LogTable.create(db, 2)
        db.sql {
            it.execute('SET ROLE app')
            [V1, V2, V3, 'UPDATE items SET n = 1 WHERE id <= 10;'].each { String ddl -> it.execute(ddl) }
        }
        LogTable.insert(db, row(version: '1', script: 'V1__items.sql', text: V1, state: 'succeeded', started_at: '2025-06-01 10:00:00+00', duration_ms: 40))
        LogTable.insert(db, row(version: '2', script: 'V2__note.sql', text: V2, state: 'succeeded', started_at: '2025-06-01 10:00:01+00', duration_ms: 15))
        LogTable.insert(db, row(version: '3', script: 'V3__notes.sql', text: V3, state: 'succeeded', started_at: '2025-06-01 10:00:02+00', duration_ms: 7))
        LogTable.insert(db, row(version: '4', script: 'V4__count.groovy', text: V4, state: 'paused', started_at: '2025-06-01 10:00:03+00', duration_ms: 99,
                result: '{"stopped": "V4 stopped at id=10 after 1 batch (--max-batches); run migrun up to go on."}'))
        db.sql {
            it.execute('SET ROLE app')
            it.execute('''INSERT INTO _migrationcheckpoints (version, step, kind, state, cursor, processed, batches, total, started_at, updated_at, runner)
                          VALUES ('4', 'backfill items', 'batches', 'running', '{"types": ["int4"], "values": ["10"], "columns": ["id"]}', 10, 1, 30,
                                  '2025-06-01 10:00:03+00', '2025-06-01 10:00:03.1+00', 'app on old-host (pid 100)')''')
        }
    }

    def "a layout 2 log, a paused walk with its checkpoint in it, is read as it is, kept as it is by up, which resumes the walk, and left alone by the next up"() {
        given:
        layoutTwo()
        List<Map> oldRows = db.rows('SELECT * FROM _migrationlog ORDER BY id')
        List<Map> written = catalog(db)

        when:
        Map<String, Map> before = status()

        then:
        before.collectEntries { v, m -> [(v): [m.state, m.checksum]] } == ['1': ['SUCCEEDED', 'ok'], '2': ['SUCCEEDED', 'ok'], '3': ['SUCCEEDED', 'ok'], '4': ['PAUSED', null]]
        before['4'].progress == [[version: '4', step: 'backfill items', processed: 10, failed: 0, total: 30, totalEstimated: false, rowsPerSecond: 0.0d, cursor: 'id=10', done: false]]
        before['4'].commands == ['migrun up', 'migrun pause 4', 'migrun cancel 4']

        when:
        def up = migrun('up')

        then:
        up.exitCode == 0
        up.out.readLines()[0] == "  [V4] 'backfill items' resumes after id=10 (10 rows done)"
        up.out.readLines()[1] ==~ /  \[V4\] backfill items: done, 30 rows, [\d,]+ rows\/s/
        up.out.readLines()[2] ==~ /Applied V4 count \(\d+ ms\)/
        up.out.readLines()[3] ==~ /Applied 1 migration, now at version 4 \(\d+\.\d s\)/
        up.out.readLines().size() == 4
        written == newInstall()
        catalog(db) == written
        db.rows('SELECT * FROM _migrationlog WHERE id <= 4 ORDER BY id') == oldRows
        db.rows('SELECT n, count(*) AS c FROM items GROUP BY n') == [[n: 1, c: 30L]]

        and:
        upAgainChangesNothing()
        status()['4'].subMap('state', 'checksum', 'runs') == [state: 'SUCCEEDED', checksum: 'ok', runs: 2]
    }
}
