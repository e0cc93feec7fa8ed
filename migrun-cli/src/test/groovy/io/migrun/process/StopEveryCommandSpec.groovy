package io.migrun.process

import io.migrun.support.Cli
import io.migrun.support.FreshDatabase
import io.migrun.support.MigrationFolder
import io.migrun.support.TestPostgres
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

import static io.migrun.process.ProcessSpecSupport.sigtermWhen
import static io.migrun.process.ProcessSpecSupport.terminateOthers
import static io.migrun.process.ProcessSpecSupport.waitUntil

/** SIGTERM (what Ctrl-C does too) stops every long command in order, not only up. */
class StopEveryCommandSpec extends Specification {

    static final String STOPPING = 'Stopping: cancelling the running statement; press Ctrl-C again to quit at once.\n'
    static final String CANCELLED = 'ERROR: canceling statement due to user request'

    @TempDir
    Path dir

    FreshDatabase db = TestPostgres.fresh()

    def setup() {
        new MigrationFolder(dir)
                .write('V1__notes.sql', "CREATE TABLE notes (label text NOT NULL);\nCREATE TABLE items (id int PRIMARY KEY);\nINSERT INTO items SELECT generate_series(1, 4);")
                .write('V3__tracked.groovy', '''\
                    up { sql.execute "INSERT INTO notes VALUES ('up')" }
                    verify {
                        if (System.getenv('SPEC_SLOW')) { sql.execute 'SELECT pg_sleep(30)' }
                        expect 'a note', count('notes') > 0
                    }
                    cleanupAfter '0s'
                    cleanup {
                        sql.execute "INSERT INTO notes VALUES ('cleanup')"
                        if (System.getenv('SPEC_SLOW')) { sql.execute 'SELECT pg_sleep(30)' }
                    }
                    down {
                        sql.execute 'DELETE FROM notes'
                        if (System.getenv('SPEC_SLOW')) { sql.execute 'SELECT pg_sleep(30)' }
                    }
                    ''')
                .write('V2__items.groovy', '''\
                    up {
                        eachBatch('items', key: 'id', batchSize: 1, onError: 'skip') { rows ->
                            if (System.getenv('SPEC_SLOW')) { sql.execute 'SELECT pg_sleep(30)' }
                            else if (rows[0].id % 2 == 0) { throw new IllegalStateException("even ${rows[0].id}") }
                        }
                    }
                    ''')
        Files.createDirectories(dir.resolve('scripts'))
        dir.resolve('scripts/slow.groovy').text = '''\
            run {
                sql.execute "INSERT INTO notes VALUES ('run')"
                if (System.getenv('SPEC_SLOW')) { sql.execute 'SELECT pg_sleep(30)' }
                [done: true]
            }
            '''.stripIndent()
        assert Cli.run(dir, db.env(), 'up').exitCode == 0
    }

    def cleanup() {
        terminateOthers(db)
    }

    /** Starts {@code args} with the slow path on, sends SIGTERM once its statement runs, and returns what it printed and how long it took to end. */
    def stopWhileSleeping(List<String> args) {
        sigtermWhen(db, Cli.start(dir, db.env() + [SPEC_SLOW: '1'], *args),
                "SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = '${db.name}' AND query = 'SELECT pg_sleep(30)'")
    }

    def "SIGTERM during #command cancels its statement, rolls it back, records the run failed and exits 1"() {
        given:
        def notesBefore = db.rows('SELECT label FROM notes ORDER BY label')*.label

        when:
        def (stopped, seconds) = stopWhileSleeping(command.split(' ').toList())

        then:
        stopped.exitCode == 1
        seconds < 20
        stopped.err == STOPPING + error
        db.rows('SELECT label FROM notes ORDER BY label')*.label == notesBefore
        db.rows("SELECT kind, state, error FROM _migrationLog WHERE kind = '${kind}' ORDER BY id")[-1] == [kind: kind, state: 'failed', error: recorded]
        db.value("SELECT count(*) FROM pg_stat_activity WHERE datname = '${db.name}' AND query = 'SELECT pg_sleep(30)'") == 0

        where:
        command    | kind      | recorded                            | error
        'down'     | 'down'    | "V3__tracked.groovy:13: $CANCELLED" | """\
            ERROR: Down of V3 (V3__tracked.groovy) failed:
              V3__tracked.groovy:13: $CANCELLED
            Its transaction was rolled back, so V3 is still applied. It was stopped as asked; run migrun down again to undo it.
            """.stripIndent()
        'cleanup'  | 'cleanup' | "V3__tracked.groovy:9: $CANCELLED"  | """\
            ERROR: Cleanup of V3 (V3__tracked.groovy) failed:
              V3__tracked.groovy:9: $CANCELLED
            Its transaction was rolled back, so nothing of it was applied. It was stopped as asked; run migrun cleanup again to run it.
            """.stripIndent()
        'run slow' | 'ad-hoc'  | "slow.groovy:3: $CANCELLED"          | """\
            ERROR: Script slow.groovy failed:
              slow.groovy:3: $CANCELLED
            Its transaction was rolled back, so nothing of it was applied. It was stopped as asked; run it again to do it.
            """.stripIndent()
    }

    def "SIGTERM during migrun verify cancels the check, changes and records nothing, and exits 1"() {
        when:
        def (stopped, seconds) = stopWhileSleeping(['verify'])

        then:
        stopped.exitCode == 1
        seconds < 20
        stopped.err == STOPPING + """\
            ERROR: Verify of V3 (V3__tracked.groovy) was stopped as asked:
              V3__tracked.groovy:3: $CANCELLED
            Its read-only transaction was rolled back; nothing was changed or recorded. Run migrun verify again to check it.
            """.stripIndent()
        stopped.out == ''
    }

    def "SIGTERM during up --retry-errors stops before the next row; the rows keep their errors"() {
        given:
        def errorsBefore = db.rows('SELECT row_key::text AS k, error, resolved_at FROM _migrationerrors ORDER BY id')

        when:
        def (stopped, seconds) = stopWhileSleeping(['up', '--retry-errors', '2'])

        then:
        errorsBefore*.error == ['V2__items.groovy:4: java.lang.IllegalStateException: even 2', 'V2__items.groovy:4: java.lang.IllegalStateException: even 4']
        stopped.exitCode == 1
        seconds < 20
        stopped.err == STOPPING + 'ERROR: up --retry-errors 2 was stopped as asked after 0 of 2 failed rows (0 went through, 0 failed again); ' +
                'the rows not retried keep their errors. Run migrun up --retry-errors 2 to go on.\n'
        db.rows('SELECT row_key::text AS k, error, resolved_at FROM _migrationerrors ORDER BY id') == errorsBefore
        db.rows("SELECT state, error FROM _migrationLog WHERE kind = 'retry-errors'") == [[state: 'failed',
                error: 'stopped as asked after 0 of 2 failed rows (0 went through, 0 failed again); the rows not retried keep their errors']]
    }

    def "a script's CPU-bound loop stops at the interrupt; the run is recorded failed"() {
        given:
        dir.resolve('scripts/spin.groovy').text = '''\
            run {
                sql.execute "SELECT 'spinning'"
                long n = 0
                while (n >= 0) { n = (n + 1) % 1000 }
            }
            '''.stripIndent()

        when: 'stopped once the loop runs: after its SELECT, the session is idle in the run\'s transaction'
        def (stopped, seconds) = sigtermWhen(db, Cli.start(dir, db.env(), 'run', 'spin'),
                """SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = '${db.name}' AND state = 'idle in transaction'
                   AND query LIKE 'SELECT ''spinning''%'""")

        then:
        stopped.exitCode == 1
        seconds < 4
        stopped.err == STOPPING + '''\
            ERROR: Script spin.groovy failed:
              spin.groovy:4: java.lang.InterruptedException: Execution interrupted. The current thread has been interrupted.
            Its transaction was rolled back, so nothing of it was applied. It was stopped as asked; run it again to do it.
            '''.stripIndent()
        db.value("SELECT state FROM _migrationLog WHERE script = 'spin.groovy'") == 'failed'
    }

    def "code that ignores the interrupt is ended after the grace period: its transaction rolls back and the run is recorded failed"() {
        given:
        new MigrationFolder(dir).write('V4__spin.groovy', '''\
                up {
                    sql.execute "INSERT INTO notes VALUES ('spin')"
                    java.util.stream.LongStream.range(0, Long.MAX_VALUE).sum()
                }
                ''')

        when:
        // The script spins once its INSERT has run: its session is then idle in the run's transaction with that as its last statement.
        def (stopped, seconds) = sigtermWhen(db, Cli.start(dir, db.env(), 'up'),
                """SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = '${db.name}' AND state = 'idle in transaction'
                   AND query LIKE 'INSERT INTO notes VALUES (''spin'')%'""")

        then:
        stopped.exitCode == 1
        seconds >= 5 && seconds < 20
        stopped.err == STOPPING + '''\
            ERROR: Migration V4 (V4__spin.groovy) failed:
              V4__spin.groovy:3: did not stop within 5 s of the stop request (it runs code that does not answer interrupts), so migrun ended it
            Its database session was ended, so its open transaction was rolled back; the run is recorded as failed. Run migrun up again to go on.
            '''.stripIndent()
        db.rows("SELECT state, error FROM _migrationLog WHERE version = '4'") == [[state: 'failed',
                error: 'V4__spin.groovy:3: did not stop within 5 s of the stop request (it runs code that does not answer interrupts), so migrun ended it']]
        db.value("SELECT count(*) FROM notes WHERE label = 'spin'") == 0
        waitUntil(db, "SELECT count(*) = 0 FROM pg_stat_activity WHERE datname = '${db.name}' AND application_name LIKE 'migrun pid=%'", 10)
    }
}
