package io.migrun.session

import io.migrun.support.DatabaseSpecification

/** Every recorded run writes its log row as the user migrun connected as, whatever role its script took on. */
class RecordedRunsSpec extends DatabaseSpecification {

    def "up --retry-errors records its run as the connecting user, also when the script ends as another role"() {
        given:
        String role = "nobody_${db.name}"
        db.sql { it.execute("CREATE ROLE ${role} NOLOGIN".toString()); it.execute("GRANT ${role} TO app".toString()) }
        folder.write('V1__threads.sql', '''\
            CREATE TABLE threads (id int PRIMARY KEY);
            INSERT INTO threads SELECT generate_series(1, 30);
            CREATE TABLE blocked (id int PRIMARY KEY);
            INSERT INTO blocked VALUES (7), (17);
            CREATE TABLE copied (id int PRIMARY KEY);
            ''')
              .write('V2__copy.groovy', """\
            up {
                eachBatch('threads', batchSize: 10, onError: 'skip') { rows ->
                    rows.each { t ->
                        if (sql.firstRow('SELECT 1 AS b FROM blocked WHERE id = ?', [t.id])) throw new IllegalStateException('blocked')
                        sql.execute('INSERT INTO copied VALUES (?)', [t.id])
                    }
                }
                sql.execute 'SET ROLE ${role}'
            }
            """)
        assert migrun('up').exitCode == 0
        db.sql { it.execute 'DELETE FROM blocked' }

        when:
        def r = migrun('up', '--retry-errors', '2')

        then:
        r.err == ''
        r.exitCode == 0
        r.out.endsWith('Retried 2 failed rows of V2: 2 went through, 0 failed again.\n')
        db.rows("SELECT state, result::text AS result FROM _migrationLog WHERE kind = 'retry-errors'") ==
                [[state: 'succeeded', result: '{"fixed": 2, "retried": 2, "version": "2", "stillFailing": 0}']]
        db.value('SELECT count(*) FROM copied') == 30
    }

    def "a down whose failure cannot be written to the log says so, and still reports the down's own failure"() {
        given:
        folder.write('V1__t.sql', 'CREATE TABLE t (id int);')
              .write('V2__cut_off.groovy', """\
            transaction false
            up { sql.execute 'CREATE TABLE u (id int)' }
            down {
                sql.execute 'ALTER DATABASE ${db.name} CONNECTION LIMIT 0'
                sql.execute 'SELECT pg_terminate_backend(pg_backend_pid())'
            }
            """)
        assert migrun('up').exitCode == 0

        when:
        def r = migrun('down')
        db.sql { it.execute("ALTER DATABASE ${db.name} CONNECTION LIMIT -1".toString()) }

        then:
        r.exitCode == 1
        r.out == "Could not record the failure in the log (Cannot connect to ${db.url}: FATAL: too many connections for database \"${db.name}\"\n" +
                'Check that the server is running and that --url (or MIGRUN_URL, DATABASE_URL, or url: in migrun.yml) points to it.); ' +
                'the next migrun up will mark the run as interrupted.\n'
        r.err == '''\
            ERROR: Down of V2 (V2__cut_off.groovy) failed:
              V2__cut_off.groovy:5: FATAL: terminating connection due to administrator command
            It ran without a transaction, so some of its changes may be in place; check the database before running it again.
            '''.stripIndent()
        db.rows("SELECT kind, state FROM _migrationLog ORDER BY id") == [[kind: 'versioned', state: 'succeeded'], [kind: 'versioned', state: 'succeeded'], [kind: 'down', state: 'running']]
    }
}
