package io.migrun.sql

import io.migrun.support.Cli
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** A real pg_dump, applied by migrun as a baseline migration, gives back the same dump. */
class PgDumpRoundTripSpec extends Specification {

    static final String SCHEMA = '''\
        CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');

        CREATE TABLE people (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name text NOT NULL,
            mood mood DEFAULT 'ok',
            bio text,
            score integer CHECK (score >= 0)
        );
        COMMENT ON TABLE people IS 'One row per person; it''s a "test"; really';
        CREATE INDEX people_name ON people (lower(name)) WHERE score IS NOT NULL;

        CREATE TABLE counters (name text PRIMARY KEY, n integer NOT NULL DEFAULT 0);
        CREATE TABLE audit (id serial PRIMARY KEY, what text NOT NULL, pass integer);
        CREATE SEQUENCE invoice_no START 1000;
        SELECT nextval('invoice_no');

        -- a plpgsql trigger function; its body has comments with semicolons; and E'' strings
        CREATE FUNCTION count_insert() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
          -- count it; every insert
          UPDATE counters SET n = n + 1 WHERE name = TG_TABLE_NAME;
          IF NEW.bio IS NULL THEN
            NEW.bio := E'none;\\tyet';
          END IF;
          RETURN NEW;
        END;
        $body$;
        CREATE TRIGGER people_count BEFORE INSERT ON people FOR EACH ROW EXECUTE FUNCTION count_insert();

        CREATE FUNCTION grade(score integer) RETURNS text LANGUAGE sql IMMUTABLE
        BEGIN ATOMIC
          SELECT CASE WHEN score >= 50 THEN 'pass' ELSE 'fail' END;
        END;
        CREATE VIEW graded AS SELECT id, name, grade(score) AS grade FROM people;
        CREATE MATERIALIZED VIEW moods AS SELECT mood, count(*) AS n FROM people GROUP BY mood;

        CREATE RULE audit_counts AS ON INSERT TO audit DO ALSO (
          UPDATE counters SET n = n + 1 WHERE name = 'audit';
          UPDATE counters SET n = n WHERE name = 'people';
        );

        INSERT INTO counters VALUES ('people', 0), ('audit', 0);
        /* rows with NULLs, tabs, backslashes, newlines; and text that looks like SQL */
        INSERT INTO people (name, mood, bio, score) VALUES
          ('Ada', 'happy', E'line one\\nline two', 99),
          ('Bob', NULL, E'tab\\there; back\\\\slash', NULL),
          (E'C\\u00e9\\\\cile', 'sad', NULL, 10),
          ('semi;colon -- not a comment', 'ok', '$$ not a quote $$ \\. \\N', 0);
        DO $$
        DECLARE i integer;
        BEGIN
          FOR i IN 1..3 LOOP
            INSERT INTO audit (what, pass) VALUES (format('made by DO; pass %s', i), i);
          END LOOP;
        END
        $$;
        REFRESH MATERIALIZED VIEW moods;
        '''.stripIndent()

    @TempDir
    Path dir

    def "a plain pg_dump with data, applied as V1__baseline.sql by migrun up to an empty database, dumps the same again"() {
        given:
        String source = "dump_source_${ProcessHandle.current().pid()}"
        String target = "dump_target_${ProcessHandle.current().pid()}"
        PgDumpServer.createDatabase(source)
        PgDumpServer.createDatabase(target)
        Path schema = dir.resolve('schema.sql')
        schema.text = SCHEMA
        PgDumpServer.psql(source, schema)
        String first = PgDumpServer.dump(source)
        Path migrations = Files.createDirectories(dir.resolve('migrations'))
        migrations.resolve('V1__baseline.sql').text = first

        expect: 'the dump holds what the splitter must handle'
        ['\\restrict ', 'BEGIN ATOMIC', 'CREATE RULE audit_counts AS', 'COPY public.people (id, name, mood, bio, score) FROM stdin;',
         '\\N', '\\t', '\\\\', '\\n', 'CREATE TYPE public.mood AS ENUM', 'CREATE TRIGGER people_count', 'LANGUAGE plpgsql', '\\unrestrict '].each {
            assert first.contains(it)
        }

        when:
        def r = Cli.run(dir, [MIGRUN_URL: PgDumpServer.jdbcUrl(target), MIGRUN_USER: 'postgres', MIGRUN_SCHEMA: 'migrun'], 'up')

        then:
        r.exitCode == 0
        r.out.startsWith('Applied V1 baseline (')
        comparable(PgDumpServer.dump(target)) == comparable(first)
        PgDumpServer.query(target, "SELECT string_agg(bio, '|' ORDER BY id) FROM people") ==
                "line one\nline two|tab\there; back\\slash|none;\tyet|\$\$ not a quote \$\$ \\. \\N"
    }

    /** The dump without the lines that differ between any two dumps: the restrict key is random. */
    static String comparable(String dump) {
        dump.readLines().findAll { !it.startsWith('\\restrict ') && !it.startsWith('\\unrestrict ') }.join('\n')
    }
}
