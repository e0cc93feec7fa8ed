package io.migrun.batch

import io.migrun.MigrationProgress
import io.migrun.cli.ProgressText
import io.migrun.support.DatabaseSpecification

/** Progress never claims more than is known: a missing or overtaken estimate is replaced by a count, or no total is shown. */
class ProgressTotalsSpec extends DatabaseSpecification {

    /** V1: 8,991 rows in a table autovacuum leaves alone, with {@code before} and {@code after} the insert. */
    def table(String before, String after) {
        folder.write('V1__t.sql', """\
            CREATE TABLE t (id int PRIMARY KEY, v text) WITH (autovacuum_enabled = false);
            ${before}
            INSERT INTO t SELECT g FROM generate_series(1, 8991) g ON CONFLICT DO NOTHING;
            ${after}
            """)
    }

    /** The progress line status shows for V2's walk. */
    String statusLine() {
        migrun('status').out.readLines().find { it.startsWith('    backfill t: ') }?.trim()
    }

    def "a walk over #walk shows a total it has not passed"() {
        given:
        table(before, after)
        folder.write('V2__fill.groovy', """\
            up {
                backfill('t', ${options}) { r -> [v: 'x'] }
            }
            """)
        setUp(this)

        when:
        def r = migrun('up', '--max-batches', '1')
        String line = statusLine()

        then:
        r.exitCode == 0
        line ==~ shown

        where:
        walk                                          | before                                                    | after       | options
        'a table never analysed, with a where'        | ''                                                        | ''          | "where: 'v IS NULL', batchSize: 1000"
        'a table analysed when it had 44 rows'        | 'INSERT INTO t SELECT generate_series(1, 44); ANALYZE t;' | ''          | 'batchSize: 5000'
        'a resumed walk whose estimate was overtaken' | ''                                                        | 'ANALYZE t' | "where: 'v IS NULL', batchSize: 1000"

        setUp << [{}, {}, { it.resumeAfterAnalysing() }]
        shown << [
                /backfill t: 1,000 of 8,991 rows \(11%\)(, [\d,]+ rows\/s, ETA \w+)?, at id=1000/,
                /backfill t: 5,000 of 8,991 rows \(55%\)(, [\d,]+ rows\/s, ETA \w+)?, at id=5000/,
                /backfill t: 6,000 of ~8,991 rows \(66%\)(, [\d,]+ rows\/s, ETA \w+)?, at id=6000/]
    }

    /** Five batches, then fresh statistics that count only the rows still to do. */
    def resumeAfterAnalysing() {
        assert migrun('up', '--max-batches', '5').exitCode == 0
        db.sql { it.execute 'ANALYZE t' }
    }

    def "a progress line shows #what"() {
        expect:
        ProgressText.line(new MigrationProgress('2', 'backfill t', processed, failed, total, estimated, rate, 'id=' + processed, done)) == line

        where:
        what                                         | processed | failed | total | estimated | rate | done  | line
        'the share of rows seen, failed ones too'    | 500       | 100    | 1000  | true      | 100  | false | 'backfill t: 500 of ~1,000 rows (60%), 100 failed, 100 rows/s, ETA 4s, at id=500'
        'no total once the walk has passed it'       | 8991      | 0      | 44    | true      | 2000 | false | 'backfill t: 8,991 rows, 2,000 rows/s, at id=8991'
        'at most 99% and no ETA before the end'      | 1000      | 0      | 1000  | false     | 500  | false | 'backfill t: 1,000 of 1,000 rows (99%), 500 rows/s, at id=1000'
        'no total when none is known'                | 1000      | 0      | null  | false     | 500  | false | 'backfill t: 1,000 rows, 500 rows/s, at id=1000'
        'the rows done at the end'                   | 8991      | 9      | 44    | true      | 2000 | true  | 'backfill t: done, 8,991 rows, 9 failed, 2,000 rows/s'
    }
}
