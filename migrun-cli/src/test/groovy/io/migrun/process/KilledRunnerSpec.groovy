package io.migrun.process

import io.migrun.internal.json.Json
import io.migrun.support.Cli
import io.migrun.support.FreshDatabase
import io.migrun.support.MigrationFolder
import io.migrun.support.TestPostgres
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

import static io.migrun.process.ProcessSpecSupport.lockHeld
import static io.migrun.process.ProcessSpecSupport.terminateOthers
import static io.migrun.process.ProcessSpecSupport.waitUntil

class KilledRunnerSpec extends Specification {

    /** This host as migrun names it (see RunnerIdentity). */
    static final String HOST = System.getenv('HOSTNAME') ?: InetAddress.localHost.hostName

    @TempDir
    Path dir

    FreshDatabase db = TestPostgres.fresh()

    def cleanup() {
        terminateOthers(db)
    }

    /** The state status shows for {@code version}, as JSON reports it. */
    String state(String version) {
        (Json.parse(Cli.run(dir, db.env(), 'status', '--json').out) as Map).migrations.find { it.version == version }.state
    }

    /** A notice with the seconds it counts replaced by N. */
    static String timeless(String line) {
        line.replaceAll(/ for \d+ s/, ' for N s')
    }

    /** The database session of another process still running {@code statementStart}, or null. */
    Integer sleeper(String statementStart) {
        db.value("SELECT pid FROM pg_stat_activity WHERE datname = '${db.name}' AND query LIKE '${statementStart}%'") as Integer
    }

    def "a runner killed with kill -9 mid-migration leaves no lock, and the next up applies the migration once"() {
        given:
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
                .write('V3__after.sql', "INSERT INTO markers VALUES ('v3');")

        when: 'the first runner is killed while V2 runs and it holds the lock'
        def victim = Cli.start(dir, db.env() + [SPEC_SLOW: '1'], 'up')
        waitUntil(db, "SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = '${db.name}' AND query LIKE 'SELECT pg_sleep(30)%'", 60, victim)
        assert db.value(lockHeld(db))
        victim.destroyForcibly().waitFor()

        and: 'another runner starts with a short lock timeout and no manual steps'
        def next = Cli.finish(Cli.start(dir, db.env(), 'up', '--lock-timeout', '10s'))

        then:
        victim.exitValue() == 137
        next.exitCode == 0
        next.out.contains("V2 was interrupted earlier: interrupted: the runner (app on ")
        next.out ==~ /(?s).*\) stopped before the run finished; its statement was still running in database session \d+, which migrun ended; its transaction was rolled back\.\n.*/
        next.out.contains('Applied V2 slow (')
        next.out.contains('Applied 2 migrations, now at version 3 (')
        db.rows('SELECT label, count(*) AS n FROM markers GROUP BY label ORDER BY label') == [[label: 'v2', n: 1L], [label: 'v3', n: 1L]]
        db.rows("SELECT state FROM _migrationLog WHERE version = '2' ORDER BY id")*.state == ['failed', 'succeeded']
    }

    def "after kill -9 #where, status shows the run interrupted, and the next up ends the statement it left holding a lock, saying what it did and why"() {
        given:
        new MigrationFolder(dir)
                .write('V1__markers.sql', 'CREATE TABLE markers (label text NOT NULL);')
                .write('V2__alter.groovy', '''\
                    up {
                        sql.execute "INSERT INTO markers VALUES ('v2')"
                        sql.execute 'ALTER TABLE markers ADD COLUMN note text'
                        if (System.getenv('SPEC_SLOW')) {
                            sql.execute "SELECT pg_sleep(30), '${System.getenv('MIGRUN_PASSWORD')}' AS echoed"
                        }
                    }
                    ''')
        def victim = Cli.start(dir, db.env() + [SPEC_SLOW: '1', HOSTNAME: host], 'up')
        waitUntil(db, "SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = '${db.name}' AND query LIKE 'SELECT pg_sleep(30)%'", 60, victim)
        String running = state('2')
        long victimPid = victim.pid()
        victim.destroyForcibly().waitFor()
        waitUntil(db, "SELECT NOT (${lockHeld(db)})", 10)
        int session = sleeper('SELECT pg_sleep(30)')

        when:
        String interrupted = state('2')
        long started = System.nanoTime()
        def next = Cli.run(dir, db.env(), 'up')
        double seconds = (System.nanoTime() - started) / 1e9
        def lines = next.out.readLines()

        then:
        running == 'RUNNING'
        interrupted == 'INTERRUPTED'
        next.exitCode == 0
        seconds < 15
        timeless(lines[0]) == "V2 was interrupted earlier, but its database session ${session} is still there (active for N s, in a transaction for N s, " +
                "waiting on Timeout:PgSleep: SELECT pg_sleep(30), '***' AS echoed). Its runner pid ${victimPid} on ${host} is gone (${proof.replace('PID', "$victimPid")}), " +
                'so migrun ends that session (pg_terminate_backend) and its transaction rolls back.'
        lines[1] == "V2 was interrupted earlier: interrupted: the runner (app on ${host} (pid ${victimPid})) stopped before the run finished; " +
                "its statement was still running in database session ${session}, which migrun ended; its transaction was rolled back."
        lines[2] ==~ /Applied V2 alter \(\d+ ms\)/
        !next.out.contains(TestPostgres.APP_PASSWORD)
        sleeper('SELECT pg_sleep(30)') == null
        db.rows('SELECT label FROM markers')*.label == ['v2']
        db.rows("SELECT state FROM _migrationLog WHERE version = '2' ORDER BY id")*.state == ['failed', 'succeeded']
        state('2') == 'SUCCEEDED'

        where:
        where             | host             | proof
        'on this host'    | HOST             | 'no process PID runs on this host any more'
        'on another host' | 'elsewhere-host' | 'it ran under the migration lock, which this runner holds now, so its lock connection is gone'
    }

    def "a dead runner's session that cannot be proven dead is waited for, not ended, and the record says so"() {
        given:
        new MigrationFolder(dir).write('V1__markers.sql', 'CREATE TABLE markers (label text NOT NULL);')
        assert Cli.run(dir, db.env(), 'up').exitCode == 0
        Files.createDirectories(dir.resolve('scripts'))
        dir.resolve('scripts/report.groovy').text = '''\
            readOnly true
            run { sql.firstRow('SELECT count(*) AS n, pg_sleep(4) AS slept FROM markers') }
            '''.stripIndent()
        def victim = Cli.start(dir, db.env() + [HOSTNAME: 'elsewhere-host'], 'run', 'report')
        waitUntil(db, "SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = '${db.name}' AND query LIKE 'SELECT count(*) AS n, pg_sleep(4)%'", 60, victim)
        long victimPid = victim.pid()
        victim.destroyForcibly().waitFor()
        int session = sleeper('SELECT count(*) AS n, pg_sleep(4)')

        when:
        def next = Cli.run(dir, db.env(), 'up')
        def lines = next.out.readLines()

        then:
        next.exitCode == 0
        timeless(lines[0]) == "report.groovy was interrupted earlier, but its database session ${session} is still there (active for N s, in a transaction for N s, " +
                'waiting on Timeout:PgSleep: SELECT count(*) AS n, pg_sleep(4) AS slept FROM markers). migrun cannot tell whether its runner pid ' + victimPid + ' on elsewhere-host is gone ' +
                '(it ran on another host, and an ad-hoc run may hold no lock), so it waits up to 60 s for the session to end.'
        lines[1] == "report.groovy was interrupted earlier: interrupted: the runner (app on elsewhere-host (pid ${victimPid})) stopped before the run finished; " +
                "its statement ran on in database session ${session} until it ended; its transaction was rolled back."
        db.rows("SELECT state FROM _migrationLog WHERE script = 'report.groovy'")*.state == ['failed']
    }
}
