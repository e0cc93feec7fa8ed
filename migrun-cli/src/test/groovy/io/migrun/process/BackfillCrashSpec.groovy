package io.migrun.process

import io.migrun.support.Cli
import io.migrun.support.CliResult
import io.migrun.support.FreshDatabase
import io.migrun.support.MigrationFolder
import io.migrun.support.Poll
import io.migrun.support.TestPostgres
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

import static io.migrun.process.ProcessSpecSupport.terminateOthers

/** A backfill sends each batch's write and checkpoint as one statement; a kill at any moment leaves both or neither. */
class BackfillCrashSpec extends Specification {

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
                    """)
                .write('V2__count_every_row.groovy', '''\
                    up {
                        backfill('items', batchSize: 500) { r -> [counter: r.counter + 1] }
                    }
                    ''')
    }

    private long processed() {
        if (db.value("SELECT to_regclass('_migrationcheckpoints') IS NULL")) {
            return 0
        }
        return db.value('SELECT coalesce(max(processed), 0) FROM _migrationcheckpoints') as long
    }

    /** Starts up and kills it with SIGKILL as soon as the checkpoint has passed {@code rows}. */
    private void killAfter(long rows) {
        Process p = Cli.start(dir, db.env(), 'up', '--lock-timeout', '10s')
        Poll.until("the backfill's checkpoint at ${rows} rows", seconds: 120, everyMillis: 5, watched: p) { processed() >= rows }
        p.destroyForcibly().waitFor()
        assert p.exitValue() == 137
    }

    def "killed with SIGKILL at three points of a backfill, the data and the checkpoint agree each time and every row is counted once"() {
        expect:
        [30_000L, 90_000L, 150_000L].each { long rows ->
            killAfter(rows)
            long counted = db.value('SELECT count(*) FROM items WHERE counter = 1') as long
            assert counted >= rows && counted < ROWS
            assert counted == processed()
            assert db.value('SELECT count(*) FROM items WHERE counter > 1') == 0
        }

        when:
        CliResult last = Cli.finish(Cli.start(dir, db.env(), 'up', '--lock-timeout', '10s'), 180)

        then:
        last.exitCode == 0
        db.rows('SELECT counter, count(*) AS n FROM items GROUP BY counter') == [[counter: 1, n: (long) ROWS]]
        db.rows("SELECT state, processed, cursor->'values'->>0 AS last FROM _migrationcheckpoints") ==
                [[state: 'done', processed: (long) ROWS, last: String.valueOf(ROWS)]]
    }
}
