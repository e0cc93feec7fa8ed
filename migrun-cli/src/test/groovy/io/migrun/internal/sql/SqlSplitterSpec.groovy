package io.migrun.internal.sql

import spock.lang.Specification

class SqlSplitterSpec extends Specification {

    def "statements split at top-level semicolons with the line each starts on"() {
        when:
        def statements = SqlSplitter.split('''\
            -- header comment; not a statement
            CREATE TABLE a (id int);

            /* block; comment */
            INSERT INTO a VALUES (1);
            SELECT 'semi;colon', "odd;name", E'it\\'s;', 'it''s;' FROM a
            '''.stripIndent())

        then:
        statements*.line == [2, 5, 6]
        statements*.sql == ['CREATE TABLE a (id int)', 'INSERT INTO a VALUES (1)',
                            "SELECT 'semi;colon', \"odd;name\", E'it\\'s;', 'it''s;' FROM a"]
    }

    def "dollar-quoted bodies keep their semicolons"() {
        when:
        def statements = SqlSplitter.split('''\
            CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
            BEGIN
              RETURN 1;
            END;
            $$;
            CREATE FUNCTION g() RETURNS text LANGUAGE plpgsql AS $body$
            BEGIN RETURN '$$;'; END;
            $body$;
            SELECT $1::int FROM (SELECT 1) x;
            '''.stripIndent())

        then:
        statements*.line == [1, 6, 9]
        statements[0].sql().endsWith('END;\n$$')
        statements[1].sql().contains("RETURN '\$\$;'")
        statements[2].sql() == 'SELECT $1::int FROM (SELECT 1) x'
    }

    def "nested block comments and comment-only text yield no statement"() {
        expect:
        SqlSplitter.split('/* a /* nested; */ still; */\n-- only; comments\n;\n').isEmpty()
    }

    def "comments inside a statement stay with it"() {
        expect:
        SqlSplitter.split('SELECT 1 -- one;\n + 2;').collect { it.sql() } == ['SELECT 1 -- one;\n + 2']
    }
}
