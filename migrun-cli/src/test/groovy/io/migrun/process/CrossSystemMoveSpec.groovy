package io.migrun.process

import io.migrun.support.Cli
import io.migrun.support.CliResult
import io.migrun.support.DocumentStore
import io.migrun.support.FreshDatabase
import io.migrun.support.Poll
import io.migrun.support.TestPostgres
import okhttp3.mockwebserver.MockWebServer
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

import static io.migrun.process.ProcessSpecSupport.terminateOthers

/** examples/cross-system: a legacy PostgreSQL database moved into a document store over HTTP, killed midway and resumed. */
class CrossSystemMoveSpec extends Specification {

    static final String TOKEN = 'canary-St0reToken-51c2'
    static final Path EXAMPLE = Path.of(System.getProperty('basedir', '.')).resolve('../examples/cross-system').normalize()

    @TempDir
    Path dir

    FreshDatabase db = TestPostgres.fresh()
    FreshDatabase legacy = TestPostgres.fresh()
    DocumentStore store = new DocumentStore(TOKEN)
    MockWebServer server = new MockWebServer()

    /** The most transactions of migrun's that were open while the store was answering a request. */
    int openDuringCalls

    def setup() {
        store.onRequest = {
            int open = db.value("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = 'app' AND state LIKE 'idle in transaction%'") as int
            openDuringCalls = Math.max(openDuringCalls, open)
        }
        server.dispatcher = store
        server.start()
        Files.createDirectories(dir.resolve('migrations'))
        Files.list(EXAMPLE.resolve('migrations')).each { Files.copy(it, dir.resolve('migrations').resolve(it.fileName)) }
        Files.copy(EXAMPLE.resolve('migrun.yml'), dir.resolve('migrun.yml'))
        legacy.sql {
            it.execute '''
                CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL, name text, credits numeric(12, 2), metadata jsonb);
                CREATE TABLE threads (id int PRIMARY KEY, user_id int NOT NULL REFERENCES users, title text, metadata jsonb);
                CREATE TABLE messages (id int PRIMARY KEY, thread_id int NOT NULL REFERENCES threads, role text, content text);
                INSERT INTO users SELECT g, 'user' || g || '@example.com', 'User ' || g, g * 1.25, jsonb_build_object('plan', CASE WHEN g % 2 = 0 THEN 'pro' END)
                    FROM generate_series(1, 40) g;
                INSERT INTO threads SELECT g, (g * 37) % 40 + 1, 'Thread ' || g, jsonb_build_object('pinned', g % 5 = 0) FROM generate_series(1, 80) g;
                INSERT INTO messages SELECT g, (g * 13) % 80 + 1, CASE WHEN g % 2 = 0 THEN 'assistant' ELSE 'user' END, 'message ' || g
                    FROM generate_series(1, 200) g;
                GRANT SELECT ON users, threads, messages TO app;
                '''
        }
    }

    def cleanup() {
        terminateOthers(db)
        server.shutdown()
    }

    Map<String, String> env() {
        db.env() + [LEGACY_URL: legacy.url, LEGACY_PASSWORD: TestPostgres.APP_PASSWORD, STORE_URL: server.url('/').toString(), STORE_TOKEN: TOKEN]
    }

    def "killed with SIGKILL in the middle of the move, up finishes it with every row arriving exactly once and every reference rewired"() {
        when: 'the first run is killed while messages are moving'
        Process first = Cli.start(dir, env(), 'up')
        Poll.until('70 messages in the store', seconds: 120, everyMillis: 5, watched: first) { store.count('messages') >= 70 }
        first.destroyForcibly().waitFor()
        int atKill = store.count('messages')

        then: 'the kill came after the first batch of messages committed and while the second was being sent'
        first.exitValue() == 137
        atKill >= 70 && atKill < 100

        when:
        CliResult second = Cli.finish(Cli.start(dir, env(), 'up', '--lock-timeout', '10s'), 180)

        then:
        second.exitCode == 0
        second.out.contains("[V1] eachBatch 'users' was done on an earlier run; skipped")
        second.out.contains("[V1] 'messages' resumes after id=50 (50 rows done)")
        db.value("SELECT result::text FROM _migrationLog WHERE state = 'succeeded'") == '{"users": 40, "threads": 80, "messages": 200}'
        store.refused > 0

        and: 'each source row arrived once'
        ['users': 40, 'threads': 80, 'messages': 200].every { kind, n ->
            store.docs[kind].size() == n && store.docs[kind].values()*.legacyId.toSet() == (1..n).toSet()
        }

        and: 'every reference points to the document made from the row it pointed to'
        Map<String, Integer> userLegacy = store.docs.users.collectEntries { id, d -> [(id): d.legacyId] }
        Map<String, Integer> threadLegacy = store.docs.threads.collectEntries { id, d -> [(id): d.legacyId] }
        store.docs.threads.values().every { t -> userLegacy[t.userId] == (t.legacyId * 37) % 40 + 1 }
        store.docs.messages.values().every { m -> threadLegacy[m.threadId] == (m.legacyId * 13) % 80 + 1 }
        store.docs.users.values().find { it.legacyId == 3 }.credits == 3.75
        store.docs.users.values().find { it.legacyId == 2 }.metadata == [plan: 'pro']

        and: 'no transaction of migrun was open while an HTTP call was in flight'
        openDuringCalls == 0

        and: 'the token never reached the output or the log'
        !(second.out + second.err).contains(TOKEN)
        !db.rows('SELECT * FROM _migrationLog').toString().contains(TOKEN)
    }
}
