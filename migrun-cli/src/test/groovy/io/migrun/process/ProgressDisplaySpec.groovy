package io.migrun.process

import io.migrun.cli.Main
import io.migrun.support.Cli
import io.migrun.support.FreshDatabase
import io.migrun.support.MigrationFolder
import io.migrun.support.TestPostgres
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path
import java.util.concurrent.TimeUnit

class ProgressDisplaySpec extends Specification {

    @TempDir
    Path dir

    FreshDatabase db = TestPostgres.fresh()

    def setup() {
        new MigrationFolder(dir)
                .write('V1__t.sql', 'CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL DEFAULT 0); INSERT INTO t (id) SELECT g FROM generate_series(1, 20000) g; ANALYZE t;')
                .write('V2__slow.groovy', "up { backfill('t', batchSize: 500, sleep: '20ms') { r -> [n: 1] } }\n")
    }

    def "on a terminal a walk shows a progress bar"() {
        given:
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        String command = "env MIGRUN_URL='${db.url}' MIGRUN_USER=app MIGRUN_PASSWORD='${TestPostgres.APP_PASSWORD}' " +
                "'${java}' -cp '${System.getProperty('java.class.path')}' ${Main.name} up"
        Process p = new ProcessBuilder('script', '-qec', command, '/dev/null').directory(dir.toFile()).redirectErrorStream(true).start()
        String out = p.inputStream.text
        p.waitFor(120, TimeUnit.SECONDS)

        expect:
        p.exitValue() == 0
        out.contains('\rV2 backfill t 100% |')
        out.contains('20000/20000 rows')
        out.contains('  [V2] backfill t: done, 20,000 rows, ')
    }

    def "elsewhere it prints plain lines, and no bar"() {
        when:
        def r = Cli.finish(Cli.start(dir, db.env(), 'up'))

        then:
        r.exitCode == 0
        !r.out.contains('\r')
        r.out.contains('  [V2] backfill t: done, 20,000 rows, ')
    }
}
