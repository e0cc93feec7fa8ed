package io.migrun.sql

import io.migrun.support.DatabaseSpecification

class TransactionControlSpec extends DatabaseSpecification {

    static final String WITHOUT = "run the file without migrun's transaction by adding this line to it (its statements then commit one by one, " +
            "or as your own BEGIN … COMMIT groups them, and a failure leaves the statements before it applied):"

    /** What {@code up} prints for V1__notes.sql refused for {@code offenders}; {@code control} when one is transaction control. */
    static String refused(List<String> offenders, boolean control) {
        List<String> lines = ['V1__notes.sql runs in one transaction that migrun commits together with its log row, but it has statements that cannot run inside it:']
        lines += offenders.collect { '  V1__notes.sql:' + it }
        lines << (control ? 'Remove the transaction control and let migrun commit the file as a whole, or ' + WITHOUT : 'R' + WITHOUT.substring(1))
        lines << '  -- migrun: transaction false'
        'ERROR: Migration V1 (V1__notes.sql) failed:\n' + lines.collect { '  ' + it }.join('\n') +
                '\nIts transaction was rolled back, so nothing of it was applied. Fix the script and run migrun up again.\n'
    }

    List<Map> log() {
        db.rows('SELECT version, state, transactional FROM _migrationLog ORDER BY id')
    }

    boolean notesExist() {
        db.value("SELECT to_regclass('public.notes') IS NOT NULL")
    }

    def "transaction control in a transactional SQL migration is refused before any of its statements runs: #statement"() {
        given:
        folder.write('V1__notes.sql', """\
            CREATE TABLE notes (v text);
            INSERT INTO notes VALUES ('one');
            ${statement};
            INSERT INTO notes VALUES ('two');
            """)

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err == refused(["3: ${statement} is transaction control; migrun already runs the file in a transaction of its own"], true)
        !notesExist()
        log() == [[version: '1', state: 'failed', transactional: true]]

        where:
        statement << ['BEGIN', 'begin transaction isolation level serializable', 'START TRANSACTION', 'COMMIT', 'commit work', 'END',
                      'ROLLBACK', 'ROLLBACK AND CHAIN', 'COMMIT AND CHAIN', 'ABORT', 'abort transaction', 'RELEASE SAVEPOINT a',
                      'RELEASE a', 'ROLLBACK TO SAVEPOINT a', 'ROLLBACK TO a', "COMMIT PREPARED 'x'", "ROLLBACK PREPARED 'x'",
                      "PREPARE TRANSACTION 'x'"]
    }

    def "every refused statement is listed, each with its line, and the file's other statements never run"() {
        given:
        folder.write('V1__notes.sql', '''\
            BEGIN;
            CREATE TABLE notes (v text);
            /* done; now index it */ COMMIT;
            CREATE INDEX CONCURRENTLY notes_v
                ON notes (v);
            VACUUM (ANALYZE) notes;
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err == refused(["1: BEGIN is transaction control; migrun already runs the file in a transaction of its own",
                          "3: COMMIT is transaction control; migrun already runs the file in a transaction of its own",
                          '4: CREATE INDEX CONCURRENTLY notes_v ON notes (v) cannot run inside a transaction block',
                          '6: VACUUM (ANALYZE) notes cannot run inside a transaction block'], true)
        !notesExist()
    }

    def "a statement PostgreSQL refuses inside a transaction block is refused before anything runs, naming the line to add: #statement"() {
        given:
        folder.write('V1__notes.sql', """\
            CREATE TABLE notes (v text);

            ${statement};
            """)

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err == refused(["3: ${statement} cannot run inside a transaction block"], false)
        !notesExist()

        where:
        statement << ['VACUUM', 'vacuum full notes', 'VACUUM (VERBOSE, ANALYZE) notes', 'CREATE INDEX CONCURRENTLY notes_v ON notes (v)',
                      'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS notes_v ON notes (v)', 'DROP INDEX CONCURRENTLY IF EXISTS notes_v',
                      'REINDEX TABLE CONCURRENTLY notes', 'REINDEX (CONCURRENTLY) TABLE notes', 'REINDEX (VERBOSE) DATABASE',
                      'REINDEX SYSTEM', 'CREATE DATABASE other', 'DROP DATABASE IF EXISTS other', 'ALTER DATABASE other SET TABLESPACE t',
                      'CREATE TABLESPACE t LOCATION \'/tmp\'', 'DROP TABLESPACE t', "ALTER SYSTEM SET work_mem = '8MB'", 'CLUSTER',
                      'CLUSTER VERBOSE', 'DISCARD ALL', 'ALTER TABLE notes DETACH PARTITION notes_2020 CONCURRENTLY']
    }

    def "statements that merely look alike run in the transaction: #statement"() {
        given:
        folder.write('V1__notes.sql', """\
            CREATE TABLE notes (v text);
            CREATE TABLE parts (v text) PARTITION BY LIST (v);
            ${statement};
            INSERT INTO notes VALUES ('one');
            """)

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.rows('SELECT v FROM notes')*.v == ['one']
        log() == [[version: '1', state: 'succeeded', transactional: true]]

        where:
        statement << ['ANALYZE notes', 'CREATE INDEX notes_v ON notes (v)', 'REINDEX TABLE notes', 'CREATE INDEX notes_v ON notes (v); CLUSTER notes USING notes_v',
                      'SAVEPOINT before_insert', 'SET LOCAL work_mem = 1024', 'DISCARD TEMP',
                      "COMMENT ON TABLE notes IS 'COMMIT; VACUUM'", 'CREATE TABLE commits (begin_at int, "end" int)',
                      "DO \$\$ BEGIN PERFORM 1; END \$\$", 'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$',
                      'CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END', 'SELECT 1 AS begin',
                      'CREATE INDEX concurrently_named ON notes (v)']
    }

    def "in a transaction false file transaction control and CONCURRENTLY are the file's own business"() {
        given:
        folder.write('V1__notes.sql', '''\
            -- migrun: transaction false
            CREATE TABLE notes (v text);
            BEGIN;
            INSERT INTO notes VALUES ('one');
            COMMIT;
            START TRANSACTION;
            INSERT INTO notes VALUES ('lost');
            ROLLBACK;
            CREATE INDEX CONCURRENTLY notes_v ON notes (v);
            VACUUM notes;
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.rows('SELECT v FROM notes')*.v == ['one']
        db.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'notes_v'::regclass") == true
        log() == [[version: '1', state: 'succeeded', transactional: false]]
    }

    def "a SQL migration made by migrun new runs in migrun's transaction: its template only tells how to opt out"() {
        given:
        def created = migrun('new', 'notes', '--sql')
        def file = dir.resolve(created.out.trim())
        file << 'CREATE TABLE notes (v text);\n'

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        log() == [[version: '1', state: 'succeeded', transactional: true]]
    }
}
