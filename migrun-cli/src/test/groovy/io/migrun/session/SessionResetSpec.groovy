package io.migrun.session

import com.zaxxer.hikari.HikariConfig
import com.zaxxer.hikari.HikariDataSource
import io.migrun.Migrun
import io.migrun.support.DatabaseSpecification
import io.migrun.support.TestPostgres

class SessionResetSpec extends DatabaseSpecification {

    static final String LEAKY = '''\
        CREATE SCHEMA other;
        SET search_path TO other;
        SET statement_timeout = '10ms';
        CREATE TEMP TABLE scratch (id int);
        PREPARE q AS SELECT 1;
        '''

    static final String AFTER = '''\
        CREATE TEMP TABLE scratch (id int);
        PREPARE q AS SELECT 1;
        SELECT pg_sleep(0.05);
        CREATE TABLE t2 (id int);
        '''

    def "session state one migration sets does not reach the next: #how gives the same database"() {
        given:
        folder.write('V1__leaky.sql', LEAKY).write('V2__after.sql', AFTER)

        when:
        def results = runs.collect { migrun(*it) }

        then:
        results*.exitCode.every { it == 0 }
        db.rows("SELECT table_schema FROM information_schema.tables WHERE table_name = 't2'") == [[table_schema: 'public']]
        db.rows('SELECT version, state FROM public._migrationLog ORDER BY id') == [[version: '1', state: 'succeeded'], [version: '2', state: 'succeeded']]

        where:
        how                | runs
        'one up'           | [['up']]
        'two separate ups' | [['up', '--target', '1'], ['up']]
    }

    def "a role a migration sets neither stops migrun recording it nor reaches the next migration"() {
        given:
        String role = "nobody_${db.name}"
        db.sql { it.execute("CREATE ROLE ${role} NOLOGIN".toString()); it.execute("GRANT ${role} TO app".toString()) }
        folder.write('V1__become_nobody.groovy', """\
            up {
                sql.execute 'SET ROLE ${role}'
                [role: sql.firstRow('SELECT current_user AS u').u]
            }
            """)
              .write('V2__create.sql', 'CREATE TABLE t2 (id int);')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.rows('SELECT version, state, result::text AS result FROM _migrationLog ORDER BY id') ==
                [[version: '1', state: 'succeeded', result: """{"role": "${role}"}""".toString()], [version: '2', state: 'succeeded', result: null]]
        db.value("SELECT tableowner FROM pg_tables WHERE tablename = 't2'") == 'app'
    }

    def "repeatable scripts, ad-hoc runs and down blocks start from a fresh session too"() {
        given:
        folder.write('V1__leaky.sql', LEAKY)
              .write('V2__down.groovy', '''\
                  up { sql.execute 'SET search_path TO other' }
                  down { sql.execute 'CREATE TABLE made_by_down (id int)' }
                  ''')
              .write('R__view.sql', 'CREATE OR REPLACE VIEW v AS SELECT 1 AS one;')
        dir.resolve('scripts').toFile().mkdirs()
        dir.resolve('scripts/make.groovy').text = '''\
            run {
                sql.execute 'SET search_path TO other'
                sql.execute 'CREATE TEMP TABLE scratch (id int)'
            }
            '''

        when:
        def up = migrun('up')
        def first = migrun('run', 'make')
        def again = migrun('run', 'make')
        def down = migrun('down')

        then:
        [up, first, again, down]*.exitCode == [0, 0, 0, 0]
        db.rows("SELECT table_schema, table_name FROM information_schema.tables WHERE table_name IN ('v', 'made_by_down') ORDER BY 2") ==
                [[table_schema: 'public', table_name: 'made_by_down'], [table_schema: 'public', table_name: 'v']]
    }

    def "a dry run starts each migration from a fresh session inside its one transaction"() {
        given:
        folder.write('V1__leaky.sql', LEAKY).write('V2__after.sql', AFTER)

        when:
        def r = migrun('up', '--dry-run')

        then:
        r.exitCode == 0
        r.out.contains('Dry run finished: 2 migrations ran and were rolled back.')
        db.value("SELECT count(*) FROM information_schema.tables WHERE table_name = 't2'") == 0
    }

    def "settings an embedder's pool made on its connections are kept from one migration to the next"() {
        given:
        db.sql { it.execute('CREATE SCHEMA app_schema AUTHORIZATION app') }
        folder.write('V1__one.sql', "CREATE TABLE t1 (id int); SET search_path TO public;")
                .write('V2__two.sql', 'CREATE TABLE t2 (id int);')
        def pool = new HikariDataSource(new HikariConfig(jdbcUrl: db.url, username: TestPostgres.APP_USER, password: TestPostgres.APP_PASSWORD,
                connectionInitSql: 'SET search_path TO app_schema', maximumPoolSize: 3))

        when:
        def result = Migrun.configure().dataSource(pool).migrations(folder.migrations).load().withCloseable { it.migrate() }

        then:
        result.applied()*.version() == ['1', '2']
        db.rows("SELECT table_schema, table_name FROM information_schema.tables WHERE table_name IN ('t1', 't2') ORDER BY 2") ==
                [[table_schema: 'app_schema', table_name: 't1'], [table_schema: 'app_schema', table_name: 't2']]

        cleanup:
        pool?.close()
    }
}
