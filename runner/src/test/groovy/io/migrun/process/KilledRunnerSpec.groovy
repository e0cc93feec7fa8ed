package io.migrun.process

import io.migrun.support.Cli
import io.migrun.support.FreshDatabase
import io.migrun.support.MigrationFolder
import io.migrun.support.TestPostgres
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

import static io.migrun.process.ProcessSpecSupport.lockHeld
import static io.migrun.process.ProcessSpecSupport.terminateOthers
import static io.migrun.process.ProcessSpecSupport.waitUntil

class KilledRunnerSpec extends Specification {

    @TempDir
    Path dir

    FreshDatabase db = TestPostgres.fresh()

    def cleanup() {
        terminateOthers(db)
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
        next.out.contains(") stopped before the run finished; its transaction was rolled back.\n")
        next.out.contains('Applied V2 slow (')
        next.out.contains('Applied 2 migrations, now at version 3 (')
        db.rows('SELECT label, count(*) AS n FROM markers GROUP BY label ORDER BY label') == [[label: 'v2', n: 1L], [label: 'v3', n: 1L]]
        db.rows("SELECT state FROM _migrationLog WHERE version = '2' ORDER BY id")*.state == ['failed', 'succeeded']
    }
}
