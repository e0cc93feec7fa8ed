package io.migrun.batch

import io.migrun.support.Cli
import io.migrun.support.CliResult
import io.migrun.support.DatabaseSpecification
import io.migrun.support.DocumentStore
import okhttp3.mockwebserver.MockWebServer

/**
 * A batch retried inside the same process sends the Idempotency-Keys of its first attempt again,
 * in the same order, whatever made it run again, so a store that dedupes by key keeps every row once.
 */
class HttpRetrySpec extends DatabaseSpecification {

    static final String TOKEN = 'canary-St0reToken-3b9e'

    DocumentStore store = new DocumentStore(TOKEN)
    MockWebServer server = new MockWebServer()

    def setup() {
        server.dispatcher = store
        server.start()
        folder.write('V1__users.sql', '''\
            CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL, doc_id text);
            INSERT INTO users (id, email) SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 30) g;
            CREATE SEQUENCE failures;
            CREATE SEQUENCE writes;
            ''')
    }

    def cleanup() {
        server.shutdown()
    }

    CliResult up() {
        Cli.run(dir, db.env() + [MIGRUN_HTTP_BASE_URL: server.url('/').toString(), MIGRUN_HTTP_TOKEN: TOKEN], 'up')
    }

    /**
     * Ends the work connection of the runner while it waits for the store, inside its batch's
     * transaction: the one backend of the spec's database, other than this check's own, that is idle
     * in a transaction.
     */
    def terminateWorkBackendAt(int request) {
        store.onRequest = {
            if (store.requests == request) {
                assert db.value("""SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${db.name}'
                                   AND pid <> pg_backend_pid() AND state = 'idle in transaction'""") == 1
            }
        }
    }

    /** V2: the nth UPDATE of users fails once with a serialization failure. */
    def failingWrite(int nth) {
        folder.write('V2__on_write.sql', """\
            CREATE FUNCTION on_write() RETURNS trigger LANGUAGE plpgsql AS \$\$
            BEGIN
                IF nextval('writes') = ${nth} THEN RAISE EXCEPTION 'provoked' USING ERRCODE = '40001'; END IF;
                RETURN NULL;
            END \$\$;
            CREATE TRIGGER on_write AFTER UPDATE ON users FOR EACH STATEMENT EXECUTE FUNCTION on_write();
            """)
    }

    def "a batch retried after #trouble sends its first attempt's keys again, and the store keeps every row once"() {
        given:
        setUp(this)
        folder.write('V3__move.groovy', script)

        when:
        def r = up()

        then:
        r.exitCode == 0
        r.out.contains(warning)
        store.count('users') == 30
        store.docs.users.values()*.email.sort() == (1..30).collect { "user${it}@example.com".toString() }.sort()
        store.bodies.findAll { key, bodies -> bodies.size() > 1 } == [:]
        db.value("SELECT count(DISTINCT $mapped) FROM $mappedIn") == 30

        where:
        trouble                                      | warning                                                               | mappedIn         | mapped
        'its work connection was terminated'        | 'eachBatch users: lost the database connection'                       | '_migrationidmap' | 'target_id'
        'a serialization failure in the block'      | 'eachBatch users: serialization failure; retrying the batch'          | '_migrationidmap' | 'target_id'
        'a serialization failure of its write'      | 'backfill users: serialization failure; retrying the batch'           | 'users'          | 'doc_id'
        'a batch write behind that failed'          | 'backfill users: a batch write failed (serialization failure)'        | 'users'          | 'doc_id'

        setUp << [
                { it.terminateWorkBackendAt(15) },
                {},
                { it.failingWrite(2) },
                { it.failingWrite(2) }]
        script << [
                '''\
                up {
                    eachBatch('users', batchSize: 10) { rows ->
                        rows.each { u -> ids.put('users', u.id, http.post('/users', body: [email: u.email]).id) }
                    }
                }
                ''',
                '''\
                up {
                    eachBatch('users', batchSize: 10) { rows ->
                        ids.putAll('users', rows.collectEntries { u -> [(u.id): http.post('/users', body: [email: u.email]).id] })
                        if (rows[0].id == 11 && sql.firstRow("SELECT nextval('failures') AS n").n == 1) {
                            sql.execute "DO \\$\\$ BEGIN RAISE EXCEPTION 'provoked' USING ERRCODE = '40001'; END \\$\\$"
                        }
                    }
                }
                ''',
                '''\
                up {
                    backfill('users', batchSize: 10, prefetch: false) { u -> [doc_id: http.post('/users', body: [email: u.email]).id] }
                }
                ''',
                '''\
                up {
                    backfill('users', batchSize: 10) { u -> [doc_id: http.post('/users', body: [email: u.email]).id] }
                }
                ''']
    }
}
