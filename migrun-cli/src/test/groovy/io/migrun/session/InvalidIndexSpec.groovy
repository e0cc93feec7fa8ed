package io.migrun.session

import io.migrun.support.CliResult
import io.migrun.support.DatabaseSpecification

/**
 * A CREATE INDEX CONCURRENTLY that fails leaves an INVALID index behind in PostgreSQL, which blocks
 * the next attempt by name and slows every write; migrun drops it before it fails or tries again.
 */
class InvalidIndexSpec extends DatabaseSpecification {

    def setup() {
        folder.write('V1__items.sql', "CREATE TABLE items (id int, code text); INSERT INTO items VALUES (1, 'a'), (2, 'a'), (3, 'b');")
        assert migrun('up').exitCode == 0
    }

    def "a #kind CREATE UNIQUE INDEX CONCURRENTLY that fails drops the invalid index it left and says so, and the fixed migration then applies"() {
        given:
        folder.write(file, text)

        when:
        CliResult r = migrun('up')

        then:
        r.exitCode == 1
        db.value("SELECT count(*) FROM pg_class WHERE relname = 'items_code'") == 0
        r.out == 'V2: CREATE INDEX CONCURRENTLY failed and left the invalid index public.items_code; dropped it (DROP INDEX CONCURRENTLY).\n'
        r.err == "ERROR: Migration V2 (${file}) failed:\n" +
                "  ${file}:${line}: ERROR: could not create unique index \"items_code\"\n" +
                '    Detail: Key (code)=(a) is duplicated.\n' +
                statement +
                '  The invalid index it left, public.items_code, was dropped (DROP INDEX CONCURRENTLY).\n' +
                'It ran without a transaction, so some of its changes may be in place. Check the database and undo or finish them by hand, then run\n' +
                '  migrun repair 2                  to run it again with the next migrun up\n' +
                '  migrun repair 2 --mark-applied   if you completed it by hand\n'

        when:
        db.sql { it.execute("DELETE FROM items WHERE id = 2") }
        CliResult repaired = migrun('repair', '2')
        CliResult again = migrun('up')

        then:
        repaired.exitCode == 0
        again.exitCode == 0
        db.value("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'items_code'") == true

        where:
        kind     | file            | line | statement                                                              | text
        'SQL'    | 'V2__code.sql'  | 2    | '    Statement: CREATE UNIQUE INDEX CONCURRENTLY items_code ON items (code)\n' | '-- migrun: transaction false\nCREATE UNIQUE INDEX CONCURRENTLY items_code ON items (code);\n'
        'Groovy' | 'V2__code.groovy' | 3  | ''                                                                     | "transaction false\nup {\n    sql.execute 'CREATE UNIQUE INDEX CONCURRENTLY items_code ON items (code)'\n}\n"
    }

    def "a REINDEX CONCURRENTLY that fails drops the invalid _ccnew index it left, and the index it rebuilt stays valid"() {
        given: 'an index over a function that fails for one code once the index is built'
        db.sql {
            it.execute('''
                CREATE FUNCTION code_key(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper($1) $$;
                CREATE INDEX items_key ON items (code_key(code));
                CREATE OR REPLACE FUNCTION code_key(c text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
                BEGIN IF c = 'b' THEN RAISE EXCEPTION 'no key for b'; END IF; RETURN upper(c); END $$;
                ''')
        }
        folder.write('V2__reindex.sql', '-- migrun: transaction false\nREINDEX INDEX CONCURRENTLY items_key;\n')

        when:
        CliResult r = migrun('up')

        then:
        r.exitCode == 1
        r.out == 'V2: REINDEX CONCURRENTLY failed and left the invalid index public.items_key_ccnew; dropped it (DROP INDEX CONCURRENTLY).\n'
        r.err.startsWith('ERROR: Migration V2 (V2__reindex.sql) failed:\n  V2__reindex.sql:2: ERROR: no key for b\n')
        r.err.contains('\n  The invalid index it left, public.items_key_ccnew, was dropped (DROP INDEX CONCURRENTLY).\n')
        db.rows("SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname LIKE 'items_key%'")
                .collect { [it.relname, it.indisvalid] } == [['items_key', true]]
    }
}
