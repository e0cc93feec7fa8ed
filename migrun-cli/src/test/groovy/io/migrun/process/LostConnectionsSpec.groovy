package io.migrun.process

import io.migrun.support.Cli
import io.migrun.support.CliResult
import io.migrun.support.FreshDatabase
import io.migrun.support.MigrationFolder
import io.migrun.support.TestPostgres
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

import static io.migrun.process.ProcessSpecSupport.lockHeld
import static io.migrun.process.ProcessSpecSupport.terminateOthers
import static io.migrun.process.ProcessSpecSupport.waitUntil

/**
 * A runner that loses its lock connection and its work connection at once, both ended by the
 * server while a migration runs (as a failover or an administrator would): the run stops, says
 * so, is recorded, lets go of the lock, and the next {@code up} completes the work correctly.
 */
class LostConnectionsSpec extends Specification {

    @TempDir
    Path dir

    FreshDatabase db = TestPostgres.fresh()

    def cleanup() {
        terminateOthers(db)
    }

    /** Runs up in another JVM, waits until its work connection runs the migration's pg_sleep, then ends every session of that runner in one go. */
    CliResult upCutOff() {
        Process runner = Cli.start(dir, db.env() + [SPEC_SLOW: '1'], 'up')
        waitUntil(db, "SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = '${db.name}' AND query LIKE 'SELECT pg_sleep(30)%'", 60, runner)
        long ended = db.value("""SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                                 WHERE datname = '${db.name}' AND application_name LIKE 'migrun pid=${runner.pid()} %'""") as long
        assert ended >= 2: 'the lock connection and the work connection'
        Cli.finish(runner, 60)
    }

    void slowTransactionalMigration() {
        new MigrationFolder(dir)
                .write('V1__markers.sql', 'CREATE TABLE markers (label text NOT NULL);')
                .write('V2__slow.groovy', '''\
                    up {
                        sql.execute "INSERT INTO markers VALUES ('v2')"
                        if (System.getenv('SPEC_SLOW')) {
                            sql.execute 'SELECT pg_sleep(30)'
                        }
                    }
                    ''')
    }

    def "losing both connections during a transactional migration fails it, records it failed, releases the lock, and the next up applies it"() {
        given:
        slowTransactionalMigration()

        when:
        CliResult lost = upCutOff()

        then:
        lost.exitCode == 1
        lost.err.readLines()[0..1] == ['ERROR: Migration V2 (V2__slow.groovy) failed:',
                                       '  V2__slow.groovy:4: FATAL: terminating connection due to administrator command']
        lost.err.readLines()[2].startsWith('Its transaction was rolled back, so nothing of it was applied.')
        lost.err.readLines().size() == 3
        db.rows('SELECT label FROM markers') == []
        db.rows('SELECT version, state, error FROM _migrationlog ORDER BY id') == [
                [version: '1', state: 'succeeded', error: null],
                [version: '2', state: 'failed', error: 'V2__slow.groovy:4: FATAL: terminating connection due to administrator command']]
        !db.value(lockHeld(db))

        when:
        CliResult next = Cli.finish(Cli.start(dir, db.env(), 'up'))

        then:
        next.exitCode == 0
        next.out.readLines()[0] ==~ /Applied V2 slow \(\d+ ms\)/
        db.rows('SELECT label FROM markers') == [[label: 'v2']]
        db.rows('SELECT version, state FROM _migrationlog ORDER BY id') == [
                [version: '1', state: 'succeeded'], [version: '2', state: 'failed'], [version: '2', state: 'succeeded']]
    }

    def "losing both connections in the middle of a backfill stops it at its last checkpoint, and the next up resumes it with every row done once"() {
        given:
        new MigrationFolder(dir)
                .write('V1__items.sql', 'CREATE TABLE items (id int PRIMARY KEY, n int NOT NULL DEFAULT 0); INSERT INTO items (id) SELECT g FROM generate_series(1, 2000) g;')
                .write('V2__count.groovy', '''\
                    up {
                        backfill('items', batchSize: 100) { r ->
                            if (r.id == 501 && System.getenv('SPEC_SLOW')) {
                                sql.execute 'SELECT pg_sleep(30)'
                            }
                            [n: r.n + 1]
                        }
                    }
                    ''')

        when:
        CliResult lost = upCutOff()

        then:
        lost.exitCode == 1
        lost.out.readLines()[1] == '  [V2 warn] backfill items: lost the database connection (FATAL: terminating connection due to administrator command); reconnecting'
        lost.err.readLines()[0..1] == ['ERROR: Migration V2 (V2__count.groovy) failed:',
                                       '  V2__count.groovy:2: The work connection was lost and so was the migration lock; stopping. Run migrun up again: it resumes from the last checkpoint.']
        lost.err.readLines()[2].startsWith('The failing batch or step was rolled back; the steps and batches committed before it stay, and the next migrun up resumes after them.')
        lost.err.readLines().size() == 3
        db.rows('SELECT n, count(*) AS c, max(id) AS last FROM items GROUP BY n ORDER BY n') == [[n: 0, c: 1500L, last: 2000], [n: 1, c: 500L, last: 500]]
        db.rows("SELECT processed, state FROM _migrationcheckpoints WHERE version = '2'") == [[processed: 500L, state: 'running']]
        db.rows("SELECT version, state, error FROM _migrationlog WHERE version = '2'") == [[version: '2', state: 'failed',
                error: 'V2__count.groovy:2: The work connection was lost and so was the migration lock; stopping. Run migrun up again: it resumes from the last checkpoint.']]
        !db.value(lockHeld(db))

        when:
        CliResult next = Cli.finish(Cli.start(dir, db.env(), 'up'))

        then:
        next.exitCode == 0
        next.out.readLines()[0] == "  [V2] 'backfill items' resumes after id=500 (500 rows done)"
        db.rows('SELECT n, count(*) AS c FROM items GROUP BY n') == [[n: 1, c: 2000L]]
        db.rows("SELECT state FROM _migrationlog WHERE version = '2' ORDER BY id")*.state == ['failed', 'succeeded']
    }

    def "the message of a run cut off by lost connections does not ask to fix the script"() {
        given:
        slowTransactionalMigration()

        when:
        CliResult lost = upCutOff()

        then:
        lost.exitCode == 1
        lost.err.startsWith('ERROR: Migration V2 (V2__slow.groovy) failed:\n  V2__slow.groovy:4: FATAL: terminating connection due to administrator command\n')
        !lost.err.contains('Fix the script')
        lost.err.contains('\nIts transaction was rolled back, so nothing of it was applied. The connection to the database was lost; the script may be fine. When it is back, run migrun up to apply it.\n')
    }
}
