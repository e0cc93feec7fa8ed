package io.migrun.process

import io.migrun.support.Cli
import io.migrun.support.FreshDatabase
import io.migrun.support.MigrationFolder
import io.migrun.support.TestPostgres
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path
import java.util.concurrent.atomic.AtomicBoolean

class ShortTransactionsSpec extends Specification {

    @TempDir
    Path dir

    FreshDatabase db = TestPostgres.fresh()

    def "during a 1,000,000-row backfill no transaction of the runner lasts longer than a batch"() {
        given:
        new MigrationFolder(dir)
                .write('V1__items.sql', "CREATE TABLE items (id bigserial PRIMARY KEY, status text, payload text); INSERT INTO items (status, payload) SELECT 'new', md5(g::text) FROM generate_series(1, 1000000) g;")
                .write('V2__backfill.groovy', "up { backfill('items', batchSize: 1000) { r -> [status: 'done', payload: r.payload.reverse()] } }\n")
        assert Cli.run(dir, db.env(), 'up', '--target', '1').exitCode == 0
        double longest = 0
        int samples = 0
        def running = new AtomicBoolean(true)
        def sampler = Thread.start {
            while (running.get()) {
                double age = db.value("""SELECT coalesce(max(extract(epoch FROM clock_timestamp() - xact_start)), 0)::float8 FROM pg_stat_activity
                                          WHERE datname = '${db.name}' AND application_name LIKE 'migrun pid=%' AND xact_start IS NOT NULL""") as double
                longest = Math.max(longest, age)
                samples++
                Thread.sleep(20)
            }
        }

        when:
        long started = System.nanoTime()
        def r = Cli.finish(Cli.start(dir, db.env(), 'up'), 300)
        double seconds = (System.nanoTime() - started) / 1e9
        running.set(false)
        sampler.join()

        then:
        r.exitCode == 0
        db.value("SELECT count(*) FROM items WHERE status <> 'done'") == 0
        samples > 50
        longest < 1.0
        seconds > 10 * longest
        println "backfill of 1,000,000 rows: ${String.format('%.1f', seconds)} s; longest runner transaction seen: ${String.format('%.3f', longest)} s over ${samples} samples"
    }
}
