package io.migrun.cli

import io.migrun.internal.load.Checksums
import io.migrun.support.Cli
import io.migrun.support.DatabaseSpecification
import io.migrun.support.TestPostgres

class UpSpec extends DatabaseSpecification {

    static String timeless(String out) {
        out.replaceAll(/\(\d+ ms\)/, '(N ms)').replaceAll(/\(\d+\.\d s\)/, '(N s)')
    }

    def "up applies every migration in version order, one line each, then finds nothing to do"() {
        given:
        folder.write('V1__create_notes.sql', 'CREATE TABLE notes (v text);')
              .write('V10__ten.sql', "INSERT INTO notes VALUES ('ten');")
              .write('V2__two.groovy', '''\
                  description 'Insert two'
                  up {
                      sql.execute "INSERT INTO notes VALUES ('two')"
                      log.info 'inserted two'
                      [rows: 1, label: "two"]
                  }
                  ''')

        when:
        def first = migrun('up')
        def second = migrun('up')

        then:
        first.exitCode == 0
        timeless(first.out) == '''\
            Applied V1 create notes (N ms)
              [V2] inserted two
            Applied V2 Insert two (N ms)
            Applied V10 ten (N ms)
            Applied 3 migrations, now at version 10 (N s)
            '''.stripIndent()
        first.err == ''
        second.exitCode == 0
        second.out == 'Database is up to date at version 10; nothing to apply.\n'
        db.rows('SELECT v FROM notes')*.v == ['two', 'ten']
    }

    def "every run is a row of _migrationLog with its checksum, result and runner"() {
        given:
        folder.write('V1__create_notes.sql', 'CREATE TABLE notes (v text);')
              .write('V2__two.groovy', 'up { [rows: 1, amount: 12.50G, when: java.time.LocalDate.of(2026, 11, 21)] }')

        when:
        migrun('up')
        def rows = db.rows('SELECT version, description, script, kind, checksum, state, transactional, result::text AS result, error, run_by, duration_ms, finished_at FROM _migrationLog ORDER BY id')

        then:
        rows.size() == 2
        rows*.version == ['1', '2']
        rows*.kind == ['versioned', 'versioned']
        rows*.state == ['succeeded', 'succeeded']
        rows*.transactional == [true, true]
        rows[0].checksum == Checksums.of(folder.file('V1__create_notes.sql').text)
        rows[1].script == 'V2__two.groovy'
        rows[1].result == '{"rows": 1, "when": "2026-11-21", "amount": 12.50}'
        rows[0].result == null
        rows.every { it.error == null && it.duration_ms != null && it.finished_at != null }
        rows.every { it.run_by.startsWith("app on ") && it.run_by.contains("(pid ") }
    }

    def "the log table is created unquoted, with its layout recorded, where psql finds it"() {
        given:
        folder.write('V1__x.sql', 'SELECT 1;')

        when:
        migrun('up')

        then:
        db.value("SELECT obj_description('_migrationlog'::regclass, 'pg_class')") == 'migrun log layout 2'
        db.value("SELECT count(*) FROM _migrationLog") == 1
    }

    def "--target stops at a version and a later up applies the rest"() {
        given:
        folder.write('V1__a.sql', 'CREATE TABLE t (v int);')
              .write('V2__b.sql', 'INSERT INTO t VALUES (2);')
              .write('V3__c.sql', 'INSERT INTO t VALUES (3);')

        when:
        def partial = migrun('up', '--target', '2')

        then:
        partial.exitCode == 0
        partial.out.endsWith('Applied 2 migrations, now at version 2 (0.0 s)\n'.replace('0.0', partial.out.find(/\d+\.\d(?= s\)\n$)/)))
        db.rows('SELECT v FROM t')*.v == [2]

        when:
        def rest = migrun('up')

        then:
        timeless(rest.out) == 'Applied V3 c (N ms)\nApplied 1 migration, now at version 3 (N s)\n'
    }

    def "a .sql migration runs dollar-quoted bodies and comments in one transaction"() {
        given:
        folder.write('V1__function.sql', '''\
            -- a function; its body has semicolons
            CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE plpgsql AS $$
            BEGIN
                RETURN i + 1; -- inside
            END;
            $$;
            /* and a block comment; */
            CREATE TABLE t AS SELECT add_one(41) AS answer;
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.value('SELECT answer FROM t') == 42
    }

    def "a .sql file with the no-transaction line runs CREATE INDEX CONCURRENTLY"() {
        given:
        folder.write('V1__t.sql', 'CREATE TABLE t (v int);')
              .write('V2__index.sql', '''\
                  -- migrun: transaction false
                  CREATE INDEX CONCURRENTLY t_v ON t (v);
                  ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_v'::regclass") == true
        db.rows("SELECT transactional FROM _migrationLog ORDER BY id")*.transactional == [true, false]
    }

    def "--schema puts the log table in that schema, created if missing"() {
        given:
        folder.write('V1__t.sql', 'CREATE TABLE t (v int);')

        when:
        def up = migrun('up', '--schema', 'Ops')
        def status = migrun('status', '--schema', 'ops')

        then:
        up.exitCode == 0
        db.value("SELECT to_regclass('ops._migrationlog') IS NOT NULL") == true
        db.value("SELECT to_regclass('public._migrationlog')") == null
        status.out.contains('Now at version 1; 0 pending.')
    }

    def "an empty migrations folder says so and exits 0"() {
        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        r.out == "No migrations found in ${folder.migrations}; nothing to do.\n"
        db.value("SELECT to_regclass('_migrationlog')") == null
    }

    def "a missing migrations folder exits 2"() {
        when:
        def r = migrun('up', '--migrations', 'does-not-exist')

        then:
        r.exitCode == 2
        r.err == "ERROR: The migrations folder ${dir.resolve('does-not-exist')} does not exist. Create it, or point --migrations (MIGRUN_MIGRATIONS, or migrations: in migrun.yml) to the folder that holds your scripts.\n"
        r.out == ''
    }

    def "migrun.yml supplies the connection, and a YAML error in it exits 2 naming the line"() {
        given:
        folder.write('V1__x.sql', 'CREATE TABLE from_yaml (v int);')
        dir.resolve('migrun.yml').text = """\
            url: ${db.url}
            user: app
            password: \${DB_PASSWORD}
            """.stripIndent()

        when:
        def ok = Cli.run(dir, [DB_PASSWORD: TestPostgres.APP_PASSWORD], 'up')

        then:
        ok.exitCode == 0
        db.value("SELECT to_regclass('from_yaml')") != null

        when:
        dir.resolve('migrun.yml').text = 'url: x: y\n'
        def bad = Cli.run(dir, [:], 'up')

        then:
        bad.exitCode == 2
        bad.err == 'ERROR: migrun.yml line 1 is not valid YAML: mapping values are not allowed here. Fix the file, or point --config elsewhere.\n'
    }
}
