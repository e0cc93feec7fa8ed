package io.migrun.lifecycle

import io.migrun.support.DatabaseSpecification

class RepeatableBaselineSpec extends DatabaseSpecification {

    def "R__ scripts run after the versioned ones, and again only when their checksum changes"() {
        given:
        folder.write('V1__settings.sql', 'CREATE TABLE settings (k text PRIMARY KEY, v text);')
              .write('R__defaults.groovy', '''\
                up {
                    sql.execute "INSERT INTO settings VALUES ('theme', 'dark') ON CONFLICT (k) DO UPDATE SET v = excluded.v"
                    [ensured: 1]
                }
                ''')
              .write('R__view.sql', 'CREATE OR REPLACE VIEW setting_names AS SELECT k FROM settings;')

        when:
        def first = migrun('up')
        def second = migrun('up')
        folder.write('R__defaults.groovy', '''\
                up {
                    sql.execute "INSERT INTO settings VALUES ('theme', 'light') ON CONFLICT (k) DO UPDATE SET v = excluded.v"
                }
                ''')
        def third = migrun('up')

        then:
        first.exitCode == 0
        first.out.readLines().collect { it.replaceAll(/ \(\d+ ms\)/, '').replaceAll(/ \(\d+\.\d s\)/, '') } == [
                'Applied V1 settings', 'Applied repeatable R__defaults.groovy', 'Applied repeatable R__view.sql',
                'Applied 3 migrations, now at version 1']
        second.out == 'Database is up to date at version 1; nothing to apply.\n'
        third.out.readLines()[0] ==~ /Applied repeatable R__defaults\.groovy \(\d+ ms\)/
        db.value("SELECT v FROM settings WHERE k = 'theme'") == 'light'
        db.rows("SELECT script, kind, state, result::text AS result FROM _migrationLog WHERE kind = 'repeatable' ORDER BY id") == [
                [script: 'R__defaults.groovy', kind: 'repeatable', state: 'succeeded', result: '{"ensured": 1}'],
                [script: 'R__view.sql', kind: 'repeatable', state: 'succeeded', result: null],
                [script: 'R__defaults.groovy', kind: 'repeatable', state: 'succeeded', result: 'false']]
    }

    def "a failing repeatable script fails up and runs again next time"() {
        given:
        folder.write('R__broken.groovy', "up { sql.execute 'SELECT * FROM missing_table' }")

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err.startsWith('ERROR: Repeatable script R__broken.groovy failed:\n  R__broken.groovy:1: ERROR: relation "missing_table" does not exist')
        db.value("SELECT state FROM _migrationLog WHERE script = 'R__broken.groovy'") == 'failed'
    }

    def "baseline records an existing database's version; up then applies only what is above"() {
        given:
        db.sql { it.execute('CREATE TABLE legacy (id int)') }
        folder.write('V1__legacy.sql', 'CREATE TABLE legacy (id int);')
              .write('V2__legacy_more.sql', 'ALTER TABLE legacy ADD COLUMN name text;')
              .write('V3__new.sql', 'CREATE TABLE fresh (id int);')
        db.sql { it.execute('ALTER TABLE legacy ADD COLUMN name text') }

        when:
        def baseline = migrun('baseline', '--version', '2')
        def up = migrun('up')
        def again = migrun('baseline', '--version', '3')

        then:
        baseline.exitCode == 0
        baseline.out == 'Baselined at version 2: 2 migrations in the folder count as applied; migrun up applies the ones above.\n'
        up.exitCode == 0
        up.out.readLines().collect { it.replaceAll(/ \(\d+(\.\d)? m?s\)/, '') } == ['Applied V3 new', 'Applied 1 migration, now at version 3']
        again.exitCode == 2
        again.err.startsWith('ERROR: Cannot baseline: this database already has 2 applied or baselined migrations in ')
        db.rows("SELECT version, kind, state FROM _migrationLog ORDER BY id") == [
                [version: '2', kind: 'baseline', state: 'succeeded'], [version: '3', kind: 'versioned', state: 'succeeded']]
    }

    def "down refuses to undo a baselined version"() {
        given:
        folder.write('V1__a.groovy', 'up { }\ndown { }')
        migrun('baseline', '--version', '1')

        when:
        def r = migrun('down')

        then:
        r.exitCode == 2
        r.err == 'ERROR: Cannot undo V1: recorded by migrun baseline, never run by migrun, so there is no down to run. Nothing was undone.\n'
    }
}
