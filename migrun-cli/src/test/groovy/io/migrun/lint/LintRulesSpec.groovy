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
    static final Map<String, String> STATEMENTS = [
            MR001: 'CREATE INDEX i ON t (a);',
            MR002: 'DROP INDEX i;',
            MR003: 'CREATE INDEX CONCURRENTLY i ON t (a);',
            MR004: 'ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id);',
            MR005: 'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);',
            MR006: 'ALTER TABLE t ALTER COLUMN a SET NOT NULL;',
            MR007: 'ALTER TABLE t ALTER COLUMN a TYPE bigint;',
            MR008: 'ALTER TABLE t ADD COLUMN c uuid DEFAULT gen_random_uuid();',
            MR009: 'ALTER TABLE t ADD COLUMN c int DEFAULT 0;',
            MR010: 'DROP TABLE t;',
            MR011: 'ALTER TABLE t RENAME TO u;',
            MR012: 'DELETE FROM t;',
            MR013: 'TRUNCATE t;',
            MR014: NT + 'VACUUM FULL t;',
            MR015: 'CLUSTER t USING i;',
            MR016: 'LOCK TABLE t;',
            MR017: '-- migrun: lint-ignore MR013\nTRUNCATE t;',
            MR018: 'ALTER TABLE t ADD CONSTRAINT p PRIMARY KEY (id);',
            MR019: "ALTER TYPE mood ADD VALUE 'sad';"]

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
        'MR018' | []                      | 'ALTER TABLE t ADD CONSTRAINT p PRIMARY KEY (id);'                             | ['MR018']
        'MR018' | []                      | 'ALTER TABLE t ADD UNIQUE (a);'                                                | ['MR018']
        'MR019' | ['--pg-version', '11']  | "ALTER TYPE mood ADD VALUE 'sad';"                                             | ['MR019']
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
        'MR018' | []                      | 'ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX i;'
        'MR018' | []                      | 'CREATE TABLE t (id int);\nALTER TABLE t ADD CONSTRAINT p PRIMARY KEY (id);'
        'MR006' | []                      | 'CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a SET NOT NULL;'
        'MR019' | ['--pg-version', '12']  | "ALTER TYPE mood ADD VALUE 'sad';"
        'MR019' | ['--pg-version', '11']  | NT + "ALTER TYPE mood ADD VALUE 'sad';"
    }

    def "#rule's block says what it found, why it hurts and the safe rewrite"() {
        given:
        migration(STATEMENTS[rule])

        when:
        def r = Cli.run(dir, [:], *(["lint"] + (rule in ['MR009', 'MR019'] ? ["--pg-version", "10"] : [])))
        def statement = rule == 'MR017' ? '-- migrun: lint-ignore MR013' : STATEMENTS[rule].replace(NT, '').replace(';', '')

        then:
        r.exitCode == 6
        r.out.startsWith("""\
            V1__change.sql:${rule == 'MR014' ? 2 : 1}: $rule $title
              $statement
              Why: $why
              Fix: $fix

            """.stripIndent())

        where:
        rule | title | why | fix
        'MR001' | 'CREATE INDEX without CONCURRENTLY' | 'CREATE INDEX blocks every INSERT, UPDATE and DELETE on the table until the whole index is built.' | 'CREATE INDEX CONCURRENTLY, in a migration of its own that runs outside a transaction (the line -- migrun: transaction false; in Groovy, transaction false).'
        'MR002' | 'DROP INDEX without CONCURRENTLY' | 'DROP INDEX takes an ACCESS EXCLUSIVE lock on the index\'s table: it waits behind every query on it and blocks all later ones, reads included.' | 'DROP INDEX CONCURRENTLY, in a migration of its own that runs outside a transaction (the line -- migrun: transaction false; in Groovy, transaction false).'
        'MR003' | 'Statement PostgreSQL refuses inside a transaction, in a transactional migration' | 'PostgreSQL refuses CREATE/DROP INDEX CONCURRENTLY, VACUUM and the like inside a transaction block, and migrun runs this migration in one: up stops before anything runs.' | 'Move the statement to a migration of its own that runs outside a transaction (the line -- migrun: transaction false; in Groovy, transaction false).'
        'MR004' | 'ADD FOREIGN KEY without NOT VALID' | 'Adding a foreign key checks every existing row while it holds SHARE ROW EXCLUSIVE locks on both tables, blocking their writes.' | 'ADD CONSTRAINT … FOREIGN KEY … NOT VALID, then ALTER TABLE … VALIDATE CONSTRAINT … in a later migration (it blocks no writes).'
        'MR005' | 'ADD CHECK without NOT VALID' | 'Adding a CHECK constraint scans the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes.' | 'ADD CONSTRAINT … CHECK (…) NOT VALID, then ALTER TABLE … VALIDATE CONSTRAINT … in a later migration (it blocks no writes).'
        'MR006' | 'ALTER COLUMN … SET NOT NULL' | 'SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock to prove no row is null.' | 'ADD CONSTRAINT … CHECK (column IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT it in a later migration; then SET NOT NULL, which on PostgreSQL 12 and later uses the valid check instead of a scan, and drop the check.'
        'MR007' | 'ALTER COLUMN … TYPE' | 'Changing a column\'s type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (but for binary-compatible changes such as varchar to text).' | 'Add a column of the new type, fill it in batches (backfill), move readers and writers to it, then drop the old column in a cleanup phase (cleanupAfter).'
        'MR008' | 'ADD COLUMN with a volatile default' | 'A volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval(), a serial type) is computed for every row: the table is rewritten under an ACCESS EXCLUSIVE lock.' | 'Add the column without a default (or with a constant one), SET DEFAULT in a second statement for new rows, and fill the existing rows in batches (backfill).'
        'MR009' | 'ADD COLUMN with a default before PostgreSQL 11' | 'Before PostgreSQL 11 any non-null default rewrites the table under an ACCESS EXCLUSIVE lock.' | 'Add the column without a default, SET DEFAULT in a second statement, and fill the existing rows in batches (backfill).'
        'MR010' | 'DROP TABLE or DROP COLUMN outside a cleanup phase' | 'Code still running against the old schema fails as soon as the table or column is gone.' | 'Expand/contract: stop using it first, then drop it in a Groovy migration\'s cleanup block (cleanupAfter 7.days; cleanup { … }), which migrun cleanup runs later.'
        'MR011' | 'RENAME of a table or column outside a cleanup phase' | 'Code still running uses the old name and fails as soon as the rename commits.' | 'Expand/contract: add the new table or column, write both and backfill, move readers to it, then drop the old one in a cleanup block (cleanupAfter).'
        'MR012' | 'UPDATE or DELETE without WHERE in a transactional migration' | 'It changes every row in one transaction: each row stays locked until the migration commits, and the table bloats.' | 'Use backfill \'table\' { … } in a Groovy migration: it changes the rows in batches, each committed, and resumes where it stopped.'
        'MR013' | 'TRUNCATE' | 'TRUNCATE takes an ACCESS EXCLUSIVE lock, blocking every query on the table, and removes every row.' | 'Delete the rows in batches (backfill), or drop the table in a cleanup phase once nothing uses it.'
        'MR014' | 'VACUUM FULL' | 'VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock for as long as the copy takes.' | 'Plain VACUUM (without FULL), or pg_repack / pg_squeeze to compact the table online.'
        'MR015' | 'CLUSTER' | 'CLUSTER rewrites the table under an ACCESS EXCLUSIVE lock for as long as the copy takes.' | 'Leave the physical order alone, or use pg_repack --order-by to reorder the table online.'
        'MR016' | 'LOCK TABLE' | 'An explicit table lock (ACCESS EXCLUSIVE unless a mode is named) blocks every session whose locks conflict with it until the migration\'s transaction ends.' | 'Remove the LOCK; when it is needed, keep the transaction to the statements that need it and SET lock_timeout = \'5s\' first.'
        'MR017' | 'lint-ignore without a rule id and a reason' | 'A silenced rule with no reason leaves the next reader guessing why the risk was accepted; it silences nothing.' | 'Name the rule and say why: -- migrun: lint-ignore MR001 the table holds 40 rows (in Groovy: // migrun: lint-ignore MR001 …).'
        'MR018' | 'ADD PRIMARY KEY or UNIQUE without USING INDEX' | 'Adding a primary key or unique constraint builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes for the whole build.' | 'CREATE UNIQUE INDEX CONCURRENTLY … in a migration of its own that runs outside a transaction (the line -- migrun: transaction false; in Groovy, transaction false), then ALTER TABLE … ADD CONSTRAINT … UNIQUE USING INDEX … (or PRIMARY KEY USING INDEX, once the columns are NOT NULL).'
        'MR019' | 'ALTER TYPE … ADD VALUE in a transaction before PostgreSQL 12' | 'Before PostgreSQL 12 ALTER TYPE … ADD VALUE cannot run inside a transaction block, so the migration fails when it runs.' | 'Move the statement to a migration of its own that runs outside a transaction (the line -- migrun: transaction false; in Groovy, transaction false).'
    }

    private void migration(String text) {
        Files.createDirectories(dir.resolve('migrations'))
        Files.writeString(dir.resolve('migrations/V1__change.sql'), text + '\n')
    }

    private static List<String> ids(def r) {
        Json.parse(r.out).findings*.rule*.id
    }
}
