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
}
