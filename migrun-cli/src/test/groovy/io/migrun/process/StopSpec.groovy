package io.migrun.process

import io.migrun.support.Cli
import io.migrun.support.FreshDatabase
import io.migrun.support.MigrationFolder
import io.migrun.support.TestPostgres
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

import static io.migrun.process.ProcessSpecSupport.sigtermWhen

class StopSpec extends Specification {

    @TempDir
    Path dir

    FreshDatabase db = TestPostgres.fresh()

    def "SIGTERM cancels the running migration, rolls it back, records it, and starts nothing more"() {
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

        when:
        def (stopped, seconds) = sigtermWhen(db, Cli.start(dir, db.env() + [SPEC_SLOW: '1'], 'up'),
                "SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = '${db.name}' AND query LIKE 'SELECT pg_sleep(30)%'")

        then:
        stopped.exitCode == 1
        seconds < 20
        stopped.err == '''\
            Stopping: cancelling the running statement; press Ctrl-C again to quit at once.
            ERROR: Migration V2 (V2__slow.groovy) failed:
              V2__slow.groovy:4: ERROR: canceling statement due to user request
            Its transaction was rolled back, so nothing of it was applied. It was stopped as asked; run migrun up to apply it.
            '''.stripIndent()
        db.rows('SELECT label FROM markers').isEmpty()
        db.rows("SELECT version, state, error FROM _migrationLog ORDER BY id") == [
                [version: '1', state: 'succeeded', error: null],
                [version: '2', state: 'failed', error: 'V2__slow.groovy:4: ERROR: canceling statement due to user request']]

        when:
        def next = Cli.finish(Cli.start(dir, db.env(), 'up'))

        then:
        next.exitCode == 0
        db.rows('SELECT label FROM markers ORDER BY label')*.label == ['v2', 'v3']
    }
}
