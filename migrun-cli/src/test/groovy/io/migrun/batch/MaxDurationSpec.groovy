package io.migrun.batch

import com.fasterxml.jackson.databind.ObjectMapper
import io.migrun.support.DatabaseSpecification

import java.util.regex.Pattern

/** {@code up --max-duration}: a run that ends at a checkpoint once it has taken that long, for cron-driven backfills. */
class MaxDurationSpec extends DatabaseSpecification {

    static final int ROWS = 3000
    static final Pattern STOP = ~/^V2 stopped at id=(\d+) after 2 s \(--max-duration\); run migrun up to go on\.$/

    def setup() {
        folder.write('V1__items.sql', "CREATE TABLE items (id int PRIMARY KEY, n int NOT NULL DEFAULT 0); INSERT INTO items (id) SELECT g FROM generate_series(1, ${ROWS}) g;")
              .write('V2__count.groovy', "up {\n    backfill('items', batchSize: 100, sleep: '200ms') { r -> [n: r.n + 1] }\n}\n")
        // V1 first, and a rehearsal of V2, so that the limited run's time goes to the walk rather than to loading the runner's classes
        assert migrun('up', '--target', '1').exitCode == 0
        assert migrun('up', '--dry-run').exitCode == 0
    }

    Map statusOfV2() {
        (new ObjectMapper().readValue(migrun('status', '--json').out, Map).migrations as List<Map>).find { it.version == '2' }
    }

    def "up --max-duration ends a backfill at the checkpoint after that long with exit 0, status shows it paused there, and the next up does the rest, every row once"() {
        when:
        long started = System.nanoTime()
        def first = migrun('up', '--max-duration', '2s')
        double seconds = (System.nanoTime() - started) / 1e9d
        String line = first.out.readLines().last()

        then: 'it stopped after a whole batch, two seconds or more after it started, with the rows up to there done and the rest untouched'
        first.exitCode == 0
        first.err == ''
        first.out.readLines() == [line]
        line ==~ STOP
        long at = (line =~ STOP)[0][1] as long
        at % 100 == 0 && at >= 100 && at < ROWS
        seconds >= 2.0d
        db.rows('SELECT n, count(*) AS c, max(id) AS last FROM items GROUP BY n ORDER BY n') == [[n: 0, c: ROWS - at, last: ROWS], [n: 1, c: at, last: (int) at]]
        db.rows("SELECT processed, state FROM _migrationcheckpoints WHERE version = '2'") == [[processed: at, state: 'running']]
        db.rows("SELECT state, result::text FROM _migrationlog WHERE version = '2'") ==
                [[state: 'paused', result: '{"stopped": "V2 stopped at id=' + at + ' after 2 s (--max-duration); run migrun up to go on."}']]

        when:
        Map paused = statusOfV2()

        then:
        paused.state == 'PAUSED'
        paused.progress.collect { it.subMap('step', 'processed', 'total', 'cursor', 'done') } == [[step: 'backfill items', processed: at, total: ROWS, cursor: "id=${at}".toString(), done: false]]
        paused.commands == ['migrun up', 'migrun pause 2', 'migrun cancel 2']

        when:
        def rest = migrun('up')

        then:
        rest.exitCode == 0
        rest.out.readLines()[0] == "  [V2] 'backfill items' resumes after id=${at} (${String.format('%,d', at)} rows done)"
        rest.out.readLines().last() ==~ /Applied 1 migration, now at version 2 \(\d+\.\d s\)/
        db.rows('SELECT n, count(*) AS c FROM items GROUP BY n') == [[n: 1, c: (long) ROWS]]
        db.rows("SELECT processed, state FROM _migrationcheckpoints WHERE version = '2'") == [[processed: (long) ROWS, state: 'done']]
        db.rows("SELECT state FROM _migrationlog WHERE version = '2' ORDER BY id")*.state == ['paused', 'succeeded']
        statusOfV2().state == 'SUCCEEDED'
    }

    def "a limit under a second is named as it was given in the stop line"() {
        when:
        def r = migrun('up', '--max-duration', '500ms')

        then:
        r.exitCode == 0
        r.out.readLines().last() ==~ /^V2 stopped at id=\d+ after 500 ms \(--max-duration\); run migrun up to go on\.$/
    }
}
