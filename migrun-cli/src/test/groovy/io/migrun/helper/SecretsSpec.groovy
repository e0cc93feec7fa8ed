package io.migrun.helper

import io.migrun.support.Cli
import io.migrun.support.DatabaseSpecification
import io.migrun.support.TestPostgres
import okhttp3.mockwebserver.MockResponse
import okhttp3.mockwebserver.MockWebServer

/** A canary password, token and key never appear in output, in migrun's tables or in error messages. */
class SecretsSpec extends DatabaseSpecification {

    static final String TOKEN = 'canary-Tok3n-0b7d'
    static final String KEY_LINE = Keyring.generate('k1')
    static final String KEY = KEY_LINE.substring(3)

    MockWebServer server = new MockWebServer()

    def setup() {
        server.start()
    }

    def cleanup() {
        server.shutdown()
    }

    Map<String, String> env() {
        db.env() + [MIGRUN_KEYS: KEY_LINE, MIGRUN_HTTP_TOKEN: TOKEN, MIGRUN_HTTP_BASE_URL: server.url('/').toString()]
    }

    boolean leaks(String text) {
        [TestPostgres.APP_PASSWORD, TOKEN, KEY].any { text.contains(it) }
    }

    String tables() {
        db.rows('SELECT * FROM _migrationlog').toString() + db.rows('SELECT * FROM _migrationerrors').toString()
    }

    def "a failed HTTP call whose response echoes the token is reported with the token masked"() {
        given:
        server.enqueue(new MockResponse().setResponseCode(400).setBody("bad token ${TOKEN} for key ${KEY}"))
        folder.write('V1__call.groovy', "up { http.get('/echo', query: [access_token: 'x']) }")

        when:
        def r = Cli.run(dir, env(), 'up')

        then:
        r.exitCode == 1
        r.err.contains("GET ${server.url('/echo')}?access_token=*** failed with status 400: bad token *** for key ***")
        !leaks(r.out + r.err + tables())
    }

    def "rows that fail to decrypt are recorded without the key, and a Groovy exception quoting a secret is masked"() {
        given:
        folder.write('V1__t.sql', "CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'mgr1:k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), (2, 'plain');")
              .write('V2__decrypt.groovy', '''\
            up {
                backfill('t', onError: 'skip') { r -> [v: crypto.tryDecrypt(r.v, "t.v:${r.id}")] }
            }
            ''')
              .write('V3__leak.groovy', """\
            up { throw new IllegalStateException('connecting with ${TestPostgres.APP_PASSWORD} and ${TOKEN}') }
            """)

        when:
        def r = Cli.run(dir, env(), 'up')

        then:
        r.exitCode == 1
        db.value('SELECT error FROM _migrationerrors').contains("the value (context t.v:1) of key 'k1' fails authentication")
        r.err.contains('V3__leak.groovy:1: java.lang.IllegalStateException: connecting with *** and ***')
        !leaks(r.out + r.err + tables())
    }
}
