package io.migrun.lifecycle

import io.migrun.internal.json.Json
import io.migrun.support.DatabaseSpecification

class DownSpec extends DatabaseSpecification {

    def setup() {
        folder.write('V1__create_notes.groovy', '''\
                up { sql.execute 'CREATE TABLE notes (id int PRIMARY KEY, v text)' }
                down { sql.execute 'DROP TABLE notes' }
                ''')
              .write('V2__add_tag.groovy', '''\
                up { sql.execute 'ALTER TABLE notes ADD COLUMN tag text' }
                down { sql.execute 'ALTER TABLE notes DROP COLUMN tag' }
                ''')
              .write('V3__seed.groovy', '''\
                up { sql.execute "INSERT INTO notes VALUES (1, 'a', 'x'), (2, 'b', 'y')" }
                down { sql.execute 'DELETE FROM notes WHERE id IN (1, 2)' }
                ''')
    }

    def "down undoes the last applied migration, records a down run, and up applies it again"() {
        given:
        migrun('up')

        when:
        def down = migrun('down')

        then:
        down.exitCode == 0
        down.out.readLines()[0] ==~ /Undid V3 seed \(\d+ ms\)/
        down.out.readLines()[1] ==~ /Undid 1 migration, now at version 2 \(\d+\.\d s\)/
        db.value('SELECT count(*) FROM notes') == 0
        db.rows("SELECT kind, state FROM _migrationLog WHERE version = '3' ORDER BY id") == [[kind: 'versioned', state: 'reverted'], [kind: 'down', state: 'succeeded']]
        (Json.parse(migrun('status', '--json').out) as Map).migrations.find { it.version == '3' }.state == 'PENDING'

        when:
        def again = migrun('up')

        then:
        again.exitCode == 0
        again.out.contains('Applied V3 seed')
        db.value('SELECT count(*) FROM notes') == 2
    }

    def "down --to undoes every migration above a version, newest first; --count the last N"() {
        given:
        migrun('up')

        when:
        def to = migrun('down', '--to', '1')

        then:
        to.exitCode == 0
        to.out.readLines().findAll { it.startsWith('Undid V') }*.replaceAll(/ \(\d+ ms\)/, '') == ['Undid V3 seed', 'Undid V2 add tag']
        db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'notes' AND column_name = 'tag'") == 0

        when:
        migrun('up')
        def count = migrun('down', '--count', '3')

        then:
        count.exitCode == 0
        count.out.contains('Undid 3 migrations, now at no version')
        db.value("SELECT to_regclass('notes') IS NULL") == true
    }

    def "a migration without a down block stops the command before anything runs, naming it"() {
        given:
        folder.write('V4__no_way_back.groovy', "up { sql.execute 'CREATE TABLE other (id int)' }")
              .write('V5__plain.sql', 'CREATE TABLE plain (id int);')
        migrun('up')

        when:
        def r = migrun('down', '--count', '3')

        then:
        r.exitCode == 2
        r.err == '''\
            ERROR: Cannot undo:
              V5 (V5__plain.sql) has no line -- migrun: down, so no down part
              V4 (V4__no_way_back.groovy) declares no down { } block
            Nothing was undone. Add a down { … } block (Groovy), or a line -- migrun: down followed by statements (SQL), that reverses up; or undo the change in a new migration.
            '''.stripIndent()
        db.value("SELECT count(*) FROM _migrationLog WHERE kind = 'down'") == 0
        db.value("SELECT count(*) FROM notes") == 2
    }

    def "down past the first version, to a version that does not exist, or with nothing applied is refused"() {
        when:
        def nothing = migrun('down')
        migrun('up')
        def past = migrun('down', '--count', '4')
        def unknown = migrun('down', '--to', '7')
        def both = migrun('down', '--to', '1', '--count', '1')

        then:
        nothing.exitCode == 2
        nothing.err == 'ERROR: Nothing to undo: no migration is applied.\n'
        past.exitCode == 2
        past.err == 'ERROR: --count 4 goes past the first version: only 3 migrations are applied (V3, V2, V1). Nothing was undone.\n'
        unknown.exitCode == 2
        unknown.err.startsWith('ERROR: --to 7 names no migration: there is no V7 in ')
        unknown.err.endsWith(' or in the log. Applied versions: V3, V2, V1.\n')
        both.exitCode == 2
        both.err == 'ERROR: Give --to or --count, not both.\n'
        db.value("SELECT count(*) FROM _migrationLog WHERE kind = 'down'") == 0
    }

    def "a failing down block rolls back and leaves the migration applied"() {
        given:
        folder.write('V4__bad_down.groovy', '''\
                up { sql.execute "INSERT INTO notes VALUES (9, 'z', 'z')" }
                down {
                    sql.execute 'DELETE FROM notes WHERE id = 9'
                    sql.execute 'SELECT no_such_column FROM notes'
                }
                ''')
        migrun('up')

        when:
        def r = migrun('down')

        then:
        r.exitCode == 1
        r.err.startsWith('ERROR: Down of V4 (V4__bad_down.groovy) failed:\n  V4__bad_down.groovy:')
        r.err.contains('no_such_column')
        r.err.endsWith('Its transaction was rolled back, so V4 is still applied. Fix the down block\'s cause and run migrun down again.\n')
        db.value('SELECT count(*) FROM notes WHERE id = 9') == 1
        db.rows("SELECT kind, state FROM _migrationLog WHERE version = '4' ORDER BY id") == [[kind: 'versioned', state: 'succeeded'], [kind: 'down', state: 'failed']]
    }

    def "down --dry-run runs the down blocks in a transaction that is rolled back and reports what they changed"() {
        given:
        migrun('up')

        when:
        def r = migrun('down', '--count', '1', '--dry-run')

        then:
        r.exitCode == 0
        r.out.startsWith('Dry run: down blocks run in one transaction that is rolled back; nothing is committed or recorded.\nV3 seed\n')
        r.out.contains('public.notes: 0 inserted, 0 updated, 2 deleted')
        db.value('SELECT count(*) FROM notes') == 2
        db.value("SELECT count(*) FROM _migrationLog WHERE kind = 'down'") == 0
    }

    def "down of a resumable migration forgets its checkpoints, so applying it again walks every row"() {
        given:
        folder.write('V4__upper.groovy', '''\
                up {
                    backfill('notes', batchSize: 1) { row -> [v: row.v.toUpperCase()] }
                }
                down {
                    sql.execute 'UPDATE notes SET v = lower(v)'
                }
                ''')
        migrun('up')

        when:
        migrun('down')
        def cps = db.value("SELECT count(*) FROM _migrationcheckpoints WHERE version = '4'")
        migrun('up')

        then:
        cps == 0
        db.rows('SELECT v FROM notes ORDER BY id')*.v == ['A', 'B']
    }
}
