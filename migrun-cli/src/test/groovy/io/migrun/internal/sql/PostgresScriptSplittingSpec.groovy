package io.migrun.internal.sql

import spock.lang.Specification

/** What pg_dump and psql users write beyond plain statements: routine bodies, rules, COPY data, meta-commands. */
class PostgresScriptSplittingSpec extends Specification {

    def "a BEGIN ATOMIC body is one statement, CASE … END inside it included"() {
        when:
        def statements = SqlSplitter.split('''\
            CREATE FUNCTION public.grade(score integer) RETURNS text
                LANGUAGE sql IMMUTABLE
                BEGIN ATOMIC
             SELECT CASE WHEN (score >= 50) THEN 'pass'::text ELSE 'fail'::text END AS "case";
            END;
            CREATE OR REPLACE PROCEDURE public.touch(IN n integer)
                LANGUAGE sql
                BEGIN ATOMIC
             INSERT INTO public.t (v) VALUES (n);
             UPDATE public.t SET v = (v + 1);
            END;
            SELECT 1;
            '''.stripIndent())

        then:
        statements*.line == [1, 6, 12]
        statements[0].sql().endsWith('END AS "case";\nEND')
        statements[1].sql().startsWith('CREATE OR REPLACE PROCEDURE public.touch(IN n integer)')
        statements[1].sql().endsWith('UPDATE public.t SET v = (v + 1);\nEND')
        statements[2].sql() == 'SELECT 1'
    }

    def "BEGIN in a DO block, a plpgsql body or as a name does not hold the statement open"() {
        expect:
        SqlSplitter.split('''\
            DO $$ BEGIN PERFORM 1; END $$;
            CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;
            CREATE TABLE spans (begin int, "end" int);
            SELECT begin FROM spans;
            '''.stripIndent())*.line == [1, 2, 3, 4]
    }

    def "a rule's parenthesised actions are one statement"() {
        when:
        def statements = SqlSplitter.split('''\
            CREATE RULE log_note AS
                ON INSERT TO public.notes DO ALSO ( INSERT INTO public.audit (what) VALUES ('insert');
             UPDATE public.counters SET n = (n + 1);
            );
            CREATE RULE no_delete AS ON DELETE TO public.notes DO INSTEAD (SELECT 1; SELECT 2);
            SELECT 3;
            '''.stripIndent())

        then:
        statements*.line == [1, 5, 6]
        statements[0].sql().endsWith('SET n = (n + 1);\n)')
        statements[1].sql() == 'CREATE RULE no_delete AS ON DELETE TO public.notes DO INSTEAD (SELECT 1; SELECT 2)'
    }

    def "COPY … FROM stdin takes the lines up to \\. as its data, untouched, and the line numbers after it stay exact"() {
        when:
        def statements = SqlSplitter.split(
                'CREATE TABLE t (a int, b text);\n' +
                'COPY public.t (a, b) FROM stdin;\n' +
                "1\tit's; \\N -- not a comment\n" +
                '2\t\\N\n' +
                "3\ttab\\there \$\$ 'open\n" +
                '\\.\n' +
                '\n' +
                'SELECT 1;\n' +
                "copy t from STDIN with (format csv);\n" +
                '4,"a\n' +
                'b"\n' +
                '\\.\n' +
                'SELECT 2;\n')

        then:
        statements*.line == [1, 2, 8, 9, 13]
        statements*.sql == ['CREATE TABLE t (a int, b text)', 'COPY public.t (a, b) FROM stdin', 'SELECT 1',
                            'copy t from STDIN with (format csv)', 'SELECT 2']
        statements*.copyData == [null, "1\tit's; \\N -- not a comment\n2\t\\N\n3\ttab\\there \$\$ 'open\n", null, '4,"a\nb"\n', null]
    }

    def "COPY to stdout or from a file is an ordinary statement"() {
        expect:
        SqlSplitter.split("COPY t TO stdout;\nCOPY t FROM '/tmp/x';\nCOPY (SELECT 'FROM stdin') TO stdout;\n")*.copyData == [null, null, null]
    }

    def "pg_dump's restrict lines are skipped"() {
        expect:
        SqlSplitter.split('\\restrict Yc8sQ2xJfWvKp\n\nSET x = 1;\n\\unrestrict Yc8sQ2xJfWvKp\n')*.sql == ['SET x = 1']
    }

    def "a psql meta-command names its line: #text"() {
        when:
        SqlSplitter.split(text)

        then:
        def e = thrown(SqlScriptException)
        e.line() == line
        e.message == message

        where:
        text                                          | line | message
        'SELECT 1;\n\\connect other\nSELECT 2;\n'     | 2    | '\\connect is a psql meta-command; migrun runs plain SQL (no psql meta-commands). Remove the line, or run the file with psql instead.'
        '\\set ON_ERROR_STOP on\n'                    | 1    | '\\set is a psql meta-command; migrun runs plain SQL (no psql meta-commands). Remove the line, or run the file with psql instead.'
        "SELECT 'a\\b';\n\n\\i other.sql\n"           | 3    | '\\i is a psql meta-command; migrun runs plain SQL (no psql meta-commands). Remove the line, or run the file with psql instead.'
        'SELECT 1 \\gset\n'                            | 1    | '\\gset is a psql meta-command; migrun runs plain SQL (no psql meta-commands). Remove the line, or run the file with psql instead.'
        'SELECT 1;\n\\.\n'                            | 2    | '\\. ends the data of a COPY … FROM stdin, but no such COPY comes before it; remove the line.'
        'COPY t FROM stdin;\n1\n2\n'                  | 1    | 'COPY … FROM stdin has no line \\. after its data; end the data with a line holding only \\.'
        'SELECT 1;\nCOPY t FROM stdin; SELECT 2;\n1\n\\.\n' | 2 | 'COPY … FROM stdin must end its line: its data starts on the next line and ends with a line \\.'
    }

    def "backslashes inside strings, quoted names, comments and dollar quotes are not meta-commands"() {
        expect:
        SqlSplitter.split("SELECT E'\\\\n', '\\\\', \"a\\\\b\" -- \\\\x\n, \$\$\\\\y\$\$ /* \\\\z */;\n")*.line == [1]
    }
}
