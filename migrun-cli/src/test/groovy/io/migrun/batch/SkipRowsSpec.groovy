package io.migrun.batch

import io.migrun.internal.json.Json
import io.migrun.support.Cli
import io.migrun.support.CliResult
import io.migrun.support.DatabaseSpecification
import io.migrun.support.DocumentStore
import io.migrun.support.TestPostgres
import okhttp3.mockwebserver.MockWebServer

/** onError: 'skip' on eachBatch skips the rows that fail, not their batches, and says how many it skipped. */
class SkipRowsSpec extends DatabaseSpecification {

    static final String TOKEN = 'canary-St0reToken-0d4c'
    static final String ORPHAN = 'V2__move.groovy:3: ERROR: insert or update on table "moved" violates foreign key constraint "moved_user_id_fkey"  ' +
            'Detail: Key (user_id)=(%d) is not present in table "users".'

    def threads() {
        folder.write('V1__threads.sql', '''\
            CREATE TABLE users (id int PRIMARY KEY);
            INSERT INTO users SELECT generate_series(1, 10);
            CREATE TABLE threads (id int PRIMARY KEY, user_id int NOT NULL);
            INSERT INTO threads SELECT g, CASE g WHEN 150 THEN 99 WHEN 223 THEN 98 ELSE g % 10 + 1 END FROM generate_series(1, 300) g;
            CREATE TABLE moved (id int PRIMARY KEY, user_id int NOT NULL REFERENCES users);
            ''')
              .write('V2__move.groovy', '''\
            up {
                eachBatch('threads', batchSize: 100, onError: 'skip') { rows ->
                    rows.each { t -> sql.execute 'INSERT INTO moved VALUES (?, ?)', [t.id, t.user_id] }
                }
            }
            ''')
    }

    def "a failing batch is narrowed down to its failing rows, the others commit, and up says how many rows it skipped"() {
        given:
        threads()

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        r.out.contains('  [V2 warn] eachBatch threads: the batch after id=100 failed (ERROR: insert or update on table "moved" violates foreign key constraint '
                + '"moved_user_id_fkey"); running its rows again in smaller parts to find the ones that fail')
        r.out.contains('  [V2] eachBatch threads: done, 298 rows, 2 failed')
        r.out.contains('Applied V2 move (')
        r.out.readLines()[-1] ==~ /Applied 2 migrations, now at version 2 \(\d+\.\d s\); 2 rows skipped under onError: 'skip' \(migrun errors 2\)/
        db.value('SELECT count(*) FROM moved') == 298
        db.rows('SELECT row_key::text AS k, error FROM _migrationerrors ORDER BY id') == [
                [k: '{"id": "150"}', error: String.format(ORPHAN, 99).replace('  Detail', '\n  Detail')],
                [k: '{"id": "223"}', error: String.format(ORPHAN, 98).replace('  Detail', '\n  Detail')]]
        db.rows("SELECT state, processed, failed, cursor::text AS cursor FROM _migrationcheckpoints") ==
                [[state: 'done', processed: 298L, failed: 2L, cursor: '{"types": ["int4"], "values": ["300"], "columns": ["id"]}']]
        db.value("SELECT result::text FROM _migrationLog WHERE version = '2'") == '{"skippedRows": 2}'
    }

    def "status and status --json say how many rows a migration skipped, and --retry-errors drives them again"() {
        given:
        threads()
        migrun('up')

        when:
        def status = migrun('status')
        def json = Json.parse(migrun('status', '--json').out) as Map
        db.sql { it.execute 'INSERT INTO users VALUES (98), (99)' }
        def retried = migrun('up', '--retry-errors', '2')
        def after = migrun('status')

        then:
        status.out.contains("    2 rows skipped under onError: 'skip': migrun errors 2 lists them; migrun up --retry-errors 2 drives them again")
        json.migrations*.skippedRows == [0, 2]
        retried.exitCode == 0
        retried.out.endsWith('Retried 2 failed rows of V2: 2 went through, 0 failed again.\n')
        db.value('SELECT count(*) FROM moved') == 300
        !after.out.contains('skipped')
        db.rows("SELECT processed, failed FROM _migrationcheckpoints") == [[processed: 300L, failed: 0L]]
    }

    def "up --retry-errors drives again the failed rows of #walk"() {
        given:
        folder.write('V1__threads.sql', '''\
            CREATE TABLE threads (id int PRIMARY KEY, title text NOT NULL, done boolean NOT NULL DEFAULT false);
            INSERT INTO threads SELECT g, 'thread ' || g FROM generate_series(1, 30) g;
            CREATE TABLE blocked (id int PRIMARY KEY);
            INSERT INTO blocked VALUES (7), (17);
            CREATE TABLE copied (id int PRIMARY KEY, title text);
            ''')
              .write('V2__walk.groovy', """\
            up {
                ${walk} { ${walk.startsWith('backfill') ? 't' : 'rows'} ->
                    ${body}
                }
            }
            """)
        dir.resolve('migrun.yml').text = "datasources:\n  legacy:\n    url: ${db.url}\n    user: app\n    password: ${TestPostgres.APP_PASSWORD}\n"
        assert migrun('up').exitCode == 0
        assert db.value('SELECT count(*) FROM _migrationerrors') == 2

        when:
        db.sql { it.execute 'DELETE FROM blocked' }
        def r = migrun('up', '--retry-errors', '2')

        then:
        r.exitCode == 0
        r.out.endsWith('Retried 2 failed rows of V2: 2 went through, 0 failed again.\n')
        db.value(done) == 30

        where:
        walk                                                                                      | body                                                                                                                  | done
        "eachBatch('threads', batchSize: 10, onError: 'skip')"                                     | "rows.each { t -> if (sql.firstRow('SELECT 1 AS b FROM blocked WHERE id = ?', [t.id])) throw new IllegalStateException('blocked'); sql.execute('INSERT INTO copied VALUES (?, ?)', [t.id, t.title]) }" | 'SELECT count(*) FROM copied'
        "eachBatch('SELECT id, title FROM threads WHERE NOT done', batchSize: 10, onError: 'skip')" | "rows.each { t -> if (sql.firstRow('SELECT 1 AS b FROM blocked WHERE id = ?', [t.id])) throw new IllegalStateException('blocked'); sql.execute('INSERT INTO copied VALUES (?, ?)', [t.id, t.title]) }" | 'SELECT count(*) FROM copied'
        "backfill('threads', batchSize: 10, where: 'NOT done', onError: 'skip')"                  | "if (sql.firstRow('SELECT 1 AS b FROM blocked WHERE id = ?', [t.id])) throw new IllegalStateException('blocked'); [done: true]" | 'SELECT count(*) FROM threads WHERE done'
        "eachBatch(db('legacy'), 'threads', batchSize: 10, onError: 'skip')"                       | "rows.each { t -> if (sql.firstRow('SELECT 1 AS b FROM blocked WHERE id = ?', [t.id])) throw new IllegalStateException('blocked'); sql.execute('INSERT INTO copied VALUES (?, ?)', [t.id, t.title]) }" | 'SELECT count(*) FROM copied'
    }

    def "a backfill row whose statement fails is skipped alone, and the rows around it, statements and all, are written"() {
        given:
        folder.write('V1__t.sql', '''\
            CREATE TABLE t (id int PRIMARY KEY, v text);
            INSERT INTO t SELECT generate_series(1, 30);
            CREATE TABLE audit (id int PRIMARY KEY);
            ''')
              .write('V2__fill.groovy', '''\
            up {
                backfill('t', batchSize: 10, onError: 'skip') { r ->
                    sql.execute 'INSERT INTO audit VALUES (?)', [r.id]
                    if (r.id == 15) sql.execute 'SELECT 1 / 0'
                    [v: 'x']
                }
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        r.out.contains('  [V2] backfill t: done, 29 rows, 1 failed')
        db.rows("SELECT row_key::text AS k, error FROM _migrationerrors") == [[k: '{"id": "15"}', error: 'V2__fill.groovy:4: ERROR: division by zero']]
        db.value("SELECT count(*) FROM t WHERE v = 'x'") == 29
        db.value('SELECT count(*) FROM audit') == 29
        db.value('SELECT count(*) FROM audit WHERE id = 15') == 0
    }

    def "narrowing a batch sends a row's call again with the key it had, so the store sees each row once"() {
        given: 'row 15 is posted, then fails in the database'
        DocumentStore store = new DocumentStore(TOKEN)
        MockWebServer server = new MockWebServer()
        server.dispatcher = store
        server.start()
        folder.write('V1__users.sql', '''\
            CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);
            INSERT INTO users SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 30) g;
            CREATE TABLE moved (id int PRIMARY KEY CHECK (id <> 15), doc text NOT NULL);
            ''')
              .write('V2__move.groovy', '''\
            up {
                eachBatch('users', batchSize: 10, onError: 'skip') { rows ->
                    rows.each { u -> sql.execute 'INSERT INTO moved VALUES (?, ?)', [u.id, http.post('/users', body: [email: u.email]).id] }
                }
            }
            ''')

        when:
        CliResult r = Cli.run(dir, db.env() + [MIGRUN_HTTP_BASE_URL: server.url('/').toString(), MIGRUN_HTTP_TOKEN: TOKEN], 'up')

        then:
        r.exitCode == 0
        db.value('SELECT count(*) FROM moved') == 29
        db.value('SELECT row_key::text FROM _migrationerrors') == '{"id": "15"}'
        store.count('users') == 30
        store.bodies.findAll { key, bodies -> bodies.size() > 1 } == [:]

        cleanup:
        server.shutdown()
    }
}
