package io.migrun.sql

import io.migrun.support.DatabaseSpecification

class CopyAndMetaCommandSpec extends DatabaseSpecification {

    static final String NOTES = 'CREATE TABLE notes (id int PRIMARY KEY, body text, note text);\n'

    def "COPY … FROM stdin data as pg_dump writes it is loaded with its escapes, in the migration's transaction"() {
        given:
        folder.write('V1__notes.sql', NOTES +
                'COPY public.notes (id, body, note) FROM stdin;\n' +
                '1\tplain\t\\N\n' +
                '2\ttab\\there\tline\\nbreak\n' +
                "3\tback\\\\slash; it's -- not a comment\t\$\$\n" +
                '\\.\n' +
                "INSERT INTO notes VALUES (4, 'after', NULL);\n")

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.rows('SELECT id, body, note FROM notes ORDER BY id') == [
                [id: 1, body: 'plain', note: null],
                [id: 2, body: 'tab\there', note: 'line\nbreak'],
                [id: 3, body: "back\\slash; it's -- not a comment", note: '$$'],
                [id: 4, body: 'after', note: null]]
    }

    def "a later failure rolls the copied rows back with the rest of the migration"() {
        given:
        folder.write('V1__notes.sql', NOTES +
                'COPY notes (id, body) FROM stdin;\n' +
                '1\tone\n' +
                '\\.\n' +
                'INSERT INTO missing VALUES (1);\n')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err.startsWith('ERROR: Migration V1 (V1__notes.sql) failed:\n  V1__notes.sql:5: ERROR: relation "missing" does not exist\n')
        db.value("SELECT to_regclass('public.notes') IS NOT NULL") == false
    }

    def "bad COPY data fails naming the COPY's line and PostgreSQL's own words on the data line"() {
        given:
        folder.write('V1__notes.sql', NOTES +
                '\n' +
                'COPY notes (id, body) FROM stdin;\n' +
                '1\tone\n' +
                'two\tbad id\n' +
                '\\.\n')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err == '''\
            ERROR: Migration V1 (V1__notes.sql) failed:
              V1__notes.sql:3: ERROR: invalid input syntax for type integer: "two"
                Where: COPY notes, line 2, column id: "two"
                Statement: COPY notes (id, body) FROM stdin
            Its transaction was rolled back, so nothing of it was applied. Fix the script and run migrun up again.
            '''.stripIndent()
    }

    def "COPY data also loads in a transaction false file"() {
        given:
        folder.write('V1__notes.sql', '-- migrun: transaction false\n' + NOTES + 'COPY notes (id) FROM stdin;\n7\n\\.\n')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.value('SELECT id FROM notes') == 7
    }

    def "pg_dump's restrict lines are accepted and any other psql meta-command is refused naming its line before anything runs"() {
        given:
        folder.write('V1__notes.sql', '\\restrict abc123\n' + NOTES + '\\unrestrict abc123\n')
              .write('V2__other.sql', "INSERT INTO notes VALUES (1, 'one', NULL);\n\\connect other\nINSERT INTO notes VALUES (2, 'two', NULL);\n")

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err == '''\
            ERROR: Migration V2 (V2__other.sql) failed:
              V2__other.sql:2: \\connect is a psql meta-command; migrun runs plain SQL (no psql meta-commands). Remove the line, or run the file with psql instead.
            Its transaction was rolled back, so nothing of it was applied. Fix the script and run migrun up again.
            '''.stripIndent()
        db.rows('SELECT id FROM notes').isEmpty()
        db.rows('SELECT version, state FROM _migrationLog ORDER BY id') == [[version: '1', state: 'succeeded'], [version: '2', state: 'failed']]
    }
}
