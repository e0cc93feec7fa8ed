package io.migrun.lifecycle

import io.migrun.internal.load.Checksums
import io.migrun.support.DatabaseSpecification

class SqlDownSpec extends DatabaseSpecification {

    static final String NOTES = '''\
            CREATE TABLE notes (id int PRIMARY KEY, v text);
            INSERT INTO notes VALUES (1, 'a');
            -- migrun: down
            DROP TABLE notes;
            '''

    static final String NOTHING_APPLIED = 'Its transaction was rolled back, so nothing of it was applied. Fix the script and run migrun up again.\n'

    def "the part before -- migrun: down runs on up, the part after it on down, and up applies it again"() {
        given:
        folder.write('V1__notes.sql', NOTES)

        when:
        def up = migrun('up')

        then:
        up.exitCode == 0
        db.value('SELECT count(*) FROM notes') == 1

        when:
        def down = migrun('down')

        then:
        down.exitCode == 0
        down.out.readLines()[0] ==~ /Undid V1 notes \(\d+ ms\)/
        db.value("SELECT to_regclass('notes') IS NULL") == true
        db.rows("SELECT kind, state, checksum FROM _migrationLog WHERE version = '1' ORDER BY id") == [
                [kind: 'versioned', state: 'reverted', checksum: Checksums.of(folder.file('V1__notes.sql').text)],
                [kind: 'down', state: 'succeeded', checksum: Checksums.of(folder.file('V1__notes.sql').text)]]

        when:
        def again = migrun('up')

        then:
        again.exitCode == 0
        db.value('SELECT count(*) FROM notes') == 1
    }

    def "the marker may be written with other spacing, and the file with other line endings: #marker.inspect(), #ending.inspect()"() {
        given:
        folder.file('V1__notes.sql').text = NOTES.stripIndent().replace('-- migrun: down', marker).replace('\n', ending)

        when:
        def up = migrun('up')
        def down = migrun('down')

        then:
        up.exitCode == 0
        down.exitCode == 0
        db.value("SELECT to_regclass('notes') IS NULL") == true

        where:
        marker                      | ending
        '--migrun:down'             | '\n'
        '    --   migrun:\tdown   ' | '\n'
        '-- migrun:  down'          | '\n'
        '-- migrun: down'           | '\r\n'
    }

    def "a line that looks like the marker but is not one stops up before anything runs: #line.inspect()"() {
        given:
        folder.write('V1__notes.sql', NOTES.replace('-- migrun: down', line))

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err == ('ERROR: Migration V1 (V1__notes.sql) failed:\n  V1__notes.sql:3: found "' + line + '", which looks like a migrun section marker but is not one. '
                + 'Expected a line that says only -- migrun: down (spaces may vary), which ends the part that runs on up and starts the part that runs on down. '
                + 'Correct the line, or reword it if it is only a comment.\n' + NOTHING_APPLIED)
        db.value("SELECT to_regclass('notes') IS NULL") == true

        where:
        line << ['-- migrun down', '-- Migrun: Down', '-- migrun : down', '-- migrun: down;', '-- migrate:down', '-- migrun: up', '--- migrun: down']
    }

    def "two markers stop up before anything runs, naming both lines"() {
        given:
        folder.write('V1__notes.sql', NOTES + '-- migrun: down\nSELECT 1;\n')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err == ('ERROR: Migration V1 (V1__notes.sql) failed:\n  V1__notes.sql has 2 lines -- migrun: down (lines 3 and 5); expected at most one: '
                + 'the part before it runs on up, the part after it on down. Keep the one that starts the down part and remove the other.\n' + NOTHING_APPLIED)
        db.value("SELECT to_regclass('notes') IS NULL") == true
    }

    def "a marker in a #kind script is refused, as such a script has no down"() {
        given:
        folder.write('V1__notes.sql', NOTES)
        dir.resolve(file).parent.toFile().mkdirs()
        dir.resolve(file).text = 'CREATE OR REPLACE VIEW notes_v AS SELECT * FROM notes;\n-- migrun: down\nDROP VIEW notes_v;\n'

        when:
        migrun('up')
        def r = migrun(*command)

        then:
        r.exitCode == 1
        r.err == "ERROR: ${name} has a line -- migrun: down (line 2), but ${why}. Remove the line, and the statements after it unless they are meant to run.\n"
        db.value("SELECT to_regclass('notes_v') IS NULL") == true

        where:
        kind         | file                     | command        | name            | why
        'repeatable' | 'migrations/R__view.sql' | ['up']         | 'R__view.sql'   | 'a repeatable script has no down part: it runs again, whole, whenever it changes'
        'ad-hoc'     | 'scripts/view.sql'       | ['run', 'view'] | 'view.sql'     | 'an ad-hoc script has no down part: migrun run runs it whole'
    }

    def "down refuses SQL migrations without a marker or with nothing after it, and undoes nothing"() {
        given:
        folder.write('V1__notes.sql', NOTES)
              .write('V2__plain.sql', 'CREATE TABLE plain (id int);\n')
              .write('V3__empty_down.sql', 'CREATE TABLE other (id int);\n-- migrun: down\n-- nothing to undo yet\n\n')
        migrun('up')

        when:
        def r = migrun('down', '--count', '3')

        then:
        r.exitCode == 2
        r.err == '''\
            ERROR: Cannot undo:
              V3 (V3__empty_down.sql) has a line -- migrun: down (line 2) but no statements after it
              V2 (V2__plain.sql) has no line -- migrun: down, so no down part
            Nothing was undone. Add a down { … } block (Groovy), or a line -- migrun: down followed by statements (SQL), that reverses up; or undo the change in a new migration.
            '''.stripIndent()
        db.value("SELECT count(*) FROM _migrationLog WHERE kind = 'down'") == 0
        db.value("SELECT to_regclass('other') IS NOT NULL") == true
    }

    def "down --dry-run runs the down part in a transaction that is rolled back"() {
        given:
        folder.write('V1__notes.sql', NOTES)
              .write('V2__seed.sql', "INSERT INTO notes VALUES (2, 'b'), (3, 'c');\n-- migrun: down\nDELETE FROM notes WHERE id IN (2, 3);\n")
        migrun('up')

        when:
        def r = migrun('down', '--dry-run')

        then:
        r.exitCode == 0
        r.out.startsWith('Dry run: down blocks run in one transaction that is rolled back; nothing is committed or recorded.\nV2 seed\n')
        r.out.contains('public.notes: 0 inserted, 0 updated, 2 deleted')
        db.value('SELECT count(*) FROM notes') == 3
        db.value("SELECT count(*) FROM _migrationLog WHERE kind = 'down'") == 0
    }

    def "a failing statement of the down part is named by its line in the file, and the migration stays applied"() {
        given:
        folder.write('V1__notes.sql', NOTES.replace('DROP TABLE notes;', "DELETE FROM notes;\nSELECT no_such_column FROM notes;"))
        migrun('up')

        when:
        def r = migrun('down')

        then:
        r.exitCode == 1
        r.err == '''\
            ERROR: Down of V1 (V1__notes.sql) failed:
              V1__notes.sql:5: ERROR: column "no_such_column" does not exist
                Position: 8
                Statement: SELECT no_such_column FROM notes
            Its transaction was rolled back, so V1 is still applied. Fix the down part's cause and run migrun down again.
            '''.stripIndent()
        db.value('SELECT count(*) FROM notes') == 1
    }

    def "statements the down part cannot run in migrun's transaction are refused as they are in the up part"() {
        given:
        folder.write('V1__notes.sql', NOTES.replace('DROP TABLE notes;', 'COMMIT;\nDROP TABLE notes;'))

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err.contains('  V1__notes.sql:4: COMMIT is transaction control; migrun already runs the file in a transaction of its own\n')
        db.value("SELECT to_regclass('notes') IS NULL") == true
    }

    def "a transaction false file runs its down part without a transaction too, and a dry run of it stops before it"() {
        given:
        folder.write('V1__notes.sql', NOTES)
              .write('V2__index.sql', '''\
                -- migrun: transaction false
                CREATE INDEX CONCURRENTLY notes_v ON notes (v);
                -- migrun: down
                DROP INDEX CONCURRENTLY notes_v;
                ''')
        migrun('up')

        when:
        def dry = migrun('down', '--dry-run')
        def down = migrun('down')

        then:
        dry.exitCode == 1
        dry.out == '''\
            Dry run: down blocks run in one transaction that is rolled back; nothing is committed or recorded.
            V2 (V2__index.sql) runs without a transaction, so a dry run could not undo its down; the dry run stops before it.
            Dry run finished: 0 migrations ran and were rolled back.
            '''.stripIndent()
        down.exitCode == 0
        db.value("SELECT to_regclass('notes_v') IS NULL") == true
        db.rows("SELECT kind, state, transactional FROM _migrationLog WHERE version = '2' ORDER BY id") == [
                [kind: 'versioned', state: 'reverted', transactional: false], [kind: 'down', state: 'succeeded', transactional: false]]
    }

    def "the checksum covers the down part too, so editing it after up is drift"() {
        given:
        folder.write('V1__notes.sql', NOTES)
        migrun('up')
        folder.write('V1__notes.sql', NOTES.replace('DROP TABLE notes;', 'DROP TABLE notes CASCADE;'))

        when:
        def r = migrun('validate')

        then:
        r.exitCode == 3
        r.err.contains('V1 (V1__notes.sql) was changed after it was applied on ')
    }

    def "the template of new --sql says how to add a down part, and its comment lines are not taken for a marker"() {
        when:
        def r = migrun('new', '--sql', 'create tags')

        then:
        r.out == 'migrations/V1__create_tags.sql\n'
        folder.file('V1__create_tags.sql').text == '''\
            -- create tags
            -- Runs in one transaction. For statements that cannot (CREATE INDEX CONCURRENTLY, VACUUM),
            -- add a line that says only: -- migrun: transaction false
            -- To undo it with migrun down, end the up statements with a line that says only: -- migrun: down
            -- and put the statements that reverse them after it.

            '''.stripIndent()

        when:
        folder.file('V1__create_tags.sql') << 'CREATE TABLE tags (t text);\n'
        def up = migrun('up')
        def down = migrun('down')

        then:
        up.exitCode == 0
        down.err.contains('V1 (V1__create_tags.sql) has no line -- migrun: down, so no down part')
    }
}
