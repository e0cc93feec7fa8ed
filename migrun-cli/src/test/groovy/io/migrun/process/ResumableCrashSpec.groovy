package io.migrun.process

import io.migrun.support.Cli
import io.migrun.support.CliResult
import io.migrun.support.FreshDatabase
import io.migrun.support.MigrationFolder
import io.migrun.support.Poll
import io.migrun.support.TestPostgres
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

import static io.migrun.process.ProcessSpecSupport.terminateOthers

class ResumableCrashSpec extends Specification {

    static final int ROWS = 200_000

    @TempDir
    Path dir

    FreshDatabase db = TestPostgres.fresh()

    def cleanup() {
        terminateOthers(db)
    }

    def setup() {
        new MigrationFolder(dir)
                .write('V1__items.sql', """\
                    CREATE TABLE items (id bigserial PRIMARY KEY, counter int NOT NULL DEFAULT 0);
                    INSERT INTO items (counter) SELECT 0 FROM generate_series(1, ${ROWS});
                    CREATE TABLE step_runs (name text);
                    """)
                .write('V2__count_every_row.groovy', '''\
                    up {
                        def gate = System.getenv('SPEC_GATE')
                        def phase = System.getenv('SPEC_PHASE')
                        int killAt = (System.getenv('SPEC_KILL_AT') ?: '-1') as int
                        def hold = { new File(gate).text = 'here'; Thread.sleep(120_000) }
                        step('prepare') {
                            sql.execute "INSERT INTO step_runs VALUES ('prepare')"
                            if (phase == 'step') hold()
                        }
                        int batch = 0
                        eachBatch('items', batchSize: 1000) { rows ->
                            batch++
                            if (phase == 'before-writes' && batch == killAt) hold()
                            sql.execute 'UPDATE items SET counter = counter + 1 WHERE id = ANY(?)', [rows*.id as Long[]]
                            if (phase == 'after-writes' && batch == killAt) hold()
                        }
                    }
                    ''')
    }

    /** Starts up, waits until the script reaches the gate, and kills the process with SIGKILL there. */
    private void killAt(String phase, int batch) {
        Path gate = dir.resolve("gate-${phase}")
        Process p = Cli.start(dir, db.env() + [SPEC_GATE: gate.toString(), SPEC_PHASE: phase, SPEC_KILL_AT: String.valueOf(batch)], 'up')
        Poll.until("the gate ${phase}", seconds: 120, everyMillis: 20, watched: p) { Files.exists(gate) }
        p.destroyForcibly().waitFor()
        assert p.exitValue() == 137
    }

    def "killed inside a step, before a batch's writes and between a batch's writes and its commit, every row is still processed exactly once"() {
        when:
        killAt('step', 0)

        then: 'the step rolled back with its process'
        db.value('SELECT count(*) FROM step_runs') == 0

        when:
        killAt('before-writes', 50)

        then: '49 batches committed before the kill'
        db.value('SELECT count(*) FROM items WHERE counter = 1') == 49_000
        db.value("SELECT processed FROM _migrationcheckpoints WHERE step = 'eachBatch items'") == 49_000

        when:
        killAt('after-writes', 60)

        then: 'the 60th batch of this run wrote its rows but did not commit'
        db.value('SELECT count(*) FROM items WHERE counter = 1') == 108_000

        when:
        CliResult last = Cli.finish(Cli.start(dir, db.env(), 'up', '--lock-timeout', '10s'), 180)

        then:
        last.exitCode == 0
        last.out.contains("[V2] step 'prepare' was done on an earlier run; skipped")
        last.out.contains("[V2] 'eachBatch items' resumes after id=108000 (108,000 rows done)")
        db.rows('SELECT counter, count(*) AS n FROM items GROUP BY counter') == [[counter: 1, n: (long) ROWS]]
        db.value('SELECT count(*) FROM step_runs') == 1
        db.rows("SELECT state, processed, cursor->'values'->>0 AS last FROM _migrationcheckpoints WHERE step = 'eachBatch items'") ==
                [[state: 'done', processed: (long) ROWS, last: String.valueOf(ROWS)]]
        db.rows("SELECT state FROM _migrationLog WHERE version = '2' ORDER BY id")*.state == ['failed', 'failed', 'failed', 'succeeded']
    }

    def "SIGTERM stops a walk at its checkpoint with exit 0, and up resumes it"() {
        given:
        Path gate = dir.resolve('gate')
        Process p = Cli.start(dir, db.env() + [SPEC_GATE: gate.toString(), SPEC_PHASE: 'after-writes', SPEC_KILL_AT: '30'], 'up')
        Poll.until('the gate after-writes', seconds: 120, everyMillis: 20, watched: p) { Files.exists(gate) }

        when:
        p.toHandle().destroy()
        CliResult stopped = Cli.finish(p, 60)

        then:
        stopped.exitCode == 0
        stopped.err == 'Stopping: cancelling the running statement; press Ctrl-C again to quit at once.\n'
        stopped.out.contains('V2 paused at id=29000 (stopped by a signal); run migrun up to resume.\n')
        db.value('SELECT count(*) FROM items WHERE counter = 1') == 29_000
        db.value("SELECT state FROM _migrationLog WHERE version = '2'") == 'paused'

        when:
        CliResult rest = Cli.finish(Cli.start(dir, db.env(), 'up'), 180)

        then:
        rest.exitCode == 0
        db.rows('SELECT counter, count(*) AS n FROM items GROUP BY counter') == [[counter: 1, n: (long) ROWS]]
    }
}
