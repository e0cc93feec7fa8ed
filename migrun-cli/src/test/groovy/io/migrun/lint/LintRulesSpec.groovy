package io.migrun.lint

import io.migrun.internal.json.Json
import io.migrun.support.Cli
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** Each lint rule on a statement it fires on and on one it does not; lint needs no database. */
class LintRulesSpec extends Specification {

    static final String NT = '-- migrun: transaction false\n'

    @TempDir
    Path dir

    def "#rule fires on: #fires"() {
        given:
        migration(fires)

        when:
        def r = Cli.run(dir, [:], 'lint', '--json', *args)

        then:
        r.exitCode == 6
        ids(r) == fired

        where:
        rule    | args                    | fires                                                                          | fired
        'MR001' | []                      | 'CREATE INDEX i ON t (a);'                                                     | ['MR001']
        'MR001' | []                      | 'CREATE TABLE t (a int);\nCREATE INDEX i ON t (a);\nCREATE INDEX j ON u (a);'  | ['MR001']
        'MR002' | []                      | 'DROP INDEX i;'                                                                | ['MR002']
        'MR003' | []                      | 'CREATE INDEX CONCURRENTLY i ON t (a);'                                        | ['MR003']
        'MR003' | []                      | 'DROP INDEX CONCURRENTLY IF EXISTS i;'                                         | ['MR003']
        'MR004' | []                      | 'ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id);'            | ['MR004']
        'MR005' | []                      | 'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);'                                | ['MR005']
        'MR006' | []                      | 'ALTER TABLE t ALTER COLUMN a SET NOT NULL;'                                   | ['MR006']
        'MR007' | []                      | 'ALTER TABLE t ALTER COLUMN a TYPE bigint;'                                    | ['MR007']
        'MR008' | []                      | 'ALTER TABLE t ADD COLUMN c uuid DEFAULT gen_random_uuid();'                   | ['MR008']
        'MR008' | []                      | 'ALTER TABLE t ADD COLUMN c float8 DEFAULT random();'                          | ['MR008']
        'MR008' | []                      | 'ALTER TABLE t ADD COLUMN c timestamptz NOT NULL DEFAULT clock_timestamp();'   | ['MR008']
        'MR008' | []                      | 'ALTER TABLE t ADD COLUMN id bigserial;'                                       | ['MR008']
        'MR009' | ['--pg-version', '10']  | 'ALTER TABLE t ADD COLUMN c int DEFAULT 0;'                                    | ['MR009']
        'MR010' | []                      | 'DROP TABLE t;'                                                                | ['MR010']
        'MR010' | []                      | 'ALTER TABLE t DROP COLUMN c;'                                                 | ['MR010']
        'MR011' | []                      | 'ALTER TABLE t RENAME TO u;'                                                   | ['MR011']
        'MR011' | []                      | 'ALTER TABLE t RENAME COLUMN a TO b;'                                          | ['MR011']
        'MR012' | []                      | 'UPDATE t SET a = 1;'                                                          | ['MR012']
        'MR012' | []                      | 'DELETE FROM t;'                                                               | ['MR012']
        'MR013' | []                      | 'TRUNCATE t;'                                                                  | ['MR013']
        'MR014' | []                      | NT + 'VACUUM FULL t;'                                                          | ['MR014']
        'MR014' | []                      | 'VACUUM (FULL, ANALYZE) t;'                                                    | ['MR003', 'MR014']
        'MR015' | []                      | 'CLUSTER t USING i;'                                                           | ['MR015']
        'MR016' | []                      | 'LOCK TABLE t IN ACCESS EXCLUSIVE MODE;'                                       | ['MR016']
        'MR017' | []                      | '-- migrun: lint-ignore MR013\nTRUNCATE t;'                                    | ['MR017', 'MR013']
        'MR017' | []                      | '-- migrun: lint-ignore MR999 no such rule\nTRUNCATE t;'                       | ['MR017', 'MR013']
    }

    def "#rule does not fire on: #passes"() {
        given:
        migration(passes)

        when:
        def r = Cli.run(dir, [:], 'lint', '--json', *args)

        then:
        r.exitCode == 0
        ids(r) == []
        Json.parse(r.out).notChecked == []

        where:
        rule    | args                    | passes
        'MR001' | []                      | 'CREATE TABLE t (a int);\nCREATE INDEX i ON t (a);'
        'MR001' | []                      | NT + 'CREATE INDEX CONCURRENTLY i ON t (a);'
        'MR002' | []                      | NT + 'DROP INDEX CONCURRENTLY IF EXISTS i;'
        'MR003' | []                      | NT + 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);'
        'MR004' | []                      | 'ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id) NOT VALID;'
        'MR004' | []                      | 'ALTER TABLE t VALIDATE CONSTRAINT f;'
        'MR005' | []                      | 'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;'
        'MR006' | []                      | 'ALTER TABLE t ALTER COLUMN a DROP NOT NULL;'
        'MR007' | []                      | 'ALTER TABLE t ALTER COLUMN a SET DEFAULT 0;'
        'MR008' | []                      | 'ALTER TABLE t ADD COLUMN c timestamptz DEFAULT now();'
        'MR008' | []                      | 'ALTER TABLE t ADD COLUMN c int DEFAULT 0;'
        'MR009' | ['--pg-version', '11']  | 'ALTER TABLE t ADD COLUMN c int DEFAULT 0;'
        'MR009' | ['--pg-version', '10']  | 'ALTER TABLE t ADD COLUMN c int;'
        'MR010' | []                      | 'DROP VIEW v;'
        'MR010' | []                      | 'ALTER TABLE t DROP CONSTRAINT c;'
        'MR011' | []                      | 'ALTER TABLE t RENAME CONSTRAINT a TO b;'
        'MR012' | []                      | 'UPDATE t SET a = 1 WHERE id = 2;'
        'MR012' | []                      | NT + 'DELETE FROM t;'
        'MR013' | []                      | 'DELETE FROM t WHERE id = 1;'
        'MR014' | []                      | NT + 'VACUUM t;'
        'MR015' | []                      | 'ANALYZE t;'
        'MR016' | []                      | 'SELECT 1 FROM t FOR UPDATE;'
        'MR017' | []                      | '-- migrun: lint-ignore MR013 a staging table, emptied nightly\nTRUNCATE t;'
    }

    private void migration(String text) {
        Files.createDirectories(dir.resolve('migrations'))
        Files.writeString(dir.resolve('migrations/V1__change.sql'), text + '\n')
    }

    private static List<String> ids(def r) {
        Json.parse(r.out).findings*.rule*.id
    }
}
