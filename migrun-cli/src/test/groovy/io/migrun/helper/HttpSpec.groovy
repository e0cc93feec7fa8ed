package io.migrun.helper

import io.migrun.config.HttpSettings
import okhttp3.mockwebserver.MockResponse
import okhttp3.mockwebserver.MockWebServer
import spock.lang.Specification

import java.time.Duration

class HttpSpec extends Specification {

    static final String TOKEN = 'canary-T0ken-9d1e'

    MockWebServer server = new MockWebServer()
    String where = 'V7/eachBatch users/["0"]'

    def setup() {
        server.start()
    }

    def cleanup() {
        server.shutdown()
    }

    Http http(Map overrides = [:], IdempotencyKeys keys = new IdempotencyKeys(where)) {
        def d = HttpSettings.DEFAULTS
        new Http(new HttpSettings(overrides.baseUrl ?: server.url('/api/').toString(), TOKEN, overrides.headers ?: [:], d.connectTimeout(),
                Duration.ofSeconds(2), Duration.ofSeconds(5), null, overrides.maxRetries ?: 3, Duration.ofSeconds(20), overrides.allowPlainHttp ?: false),
                [TOKEN], keys)
    }

    static MockResponse json(int status, String body) {
        new MockResponse().setResponseCode(status).setHeader('Content-Type', 'application/json').setBody(body)
    }

    def "a GET sends the bearer token and parses the JSON body, numbers exactly"() {
        given:
        server.enqueue(json(200, '{"id": "u_1", "credits": 12.50, "tags": ["a"]}'))

        when:
        def body = http().get('/users/1', query: [expand: 'tags'])
        def request = server.takeRequest()

        then:
        body == [id: 'u_1', credits: 12.50G, tags: ['a']]
        body.credits.toPlainString() == '12.50'
        request.path == '/api/users/1?expand=tags'
        request.getHeader('Authorization') == "Bearer ${TOKEN}"
    }

    def "503 and 429 are retried, honouring Retry-After, until the call goes through"() {
        given:
        server.enqueue(json(503, '{"error": "busy"}'))
        server.enqueue(json(429, '{"error": "slow down"}').setHeader('Retry-After', '1'))
        server.enqueue(json(201, '{"id": "t_9"}'))

        when:
        def body = http().post('/threads', body: [title: 'hello'])

        then:
        body == [id: 't_9']
        server.requestCount == 3
        (1..3).collect { server.takeRequest().getHeader('Idempotency-Key') }.unique().size() == 1
    }

    def "a POST carries an idempotency key derived from where the script is, the same on a resumed run"() {
        given:
        4.times { server.enqueue(json(201, '{}')) }

        when:
        def h = http()
        h.post('/a', body: [:])
        h.post('/a', body: [:])
        def resumed = http()
        resumed.post('/a', body: [:])
        resumed.post('/a', body: [:], idempotencyKey: 'mine-1')
        def keys = (1..4).collect { server.takeRequest().getHeader('Idempotency-Key') }

        then:
        keys[0] ==~ /migrun-[0-9a-f]{32}/
        keys[1] != keys[0]
        keys[2] == keys[0]
        keys[3] == 'mine-1'
    }

    def "a place entered again repeats its keys in order, and a part of it reuses the keys of the requests it repeats"() {
        given:
        def keys = new IdempotencyKeys(where)
        def h = http([:], keys)
        12.times { server.enqueue(json(201, '{}')) }
        def send = { List bodies -> bodies.collect { h.post('/users', body: it); server.takeRequest().getHeader('Idempotency-Key') } }

        when: 'a batch posts three rows and runs again; then a part of it runs alone, twice'
        def first = send([[n: 1], [n: 2], [n: 3]])
        keys.enter(where)
        def again = send([[n: 1], [n: 2], [n: 3]])
        keys.enterPart(where + '/rows 2 to 3')
        def part = send([[n: 2], [n: 4], [n: 2]])
        keys.enterPart(where + '/rows 2 to 3')
        def partAgain = send([[n: 2], [n: 4], [n: 2]])

        then:
        first.unique().size() == 3
        again == first
        part[0] == first[1]
        part[1] != part[2] && !first.contains(part[1]) && !first.contains(part[2])
        partAgain == part
    }

    def "a 4xx is not retried and fails with the method, the URL, the status and the body, the token masked"() {
        given:
        server.enqueue(json(422, """{"error": "email is invalid", "echo": "${TOKEN}"}"""))

        when:
        http().put("/users/7?token=${TOKEN}", body: [email: 'nope'])

        then:
        HttpException e = thrown()
        server.requestCount == 1
        e.status() == 422
        e.message == "PUT ${server.url('/api/users/7')}?token=*** failed with status 422: {\"error\": \"email is invalid\", \"echo\": \"***\"}"
        !e.message.contains(TOKEN)
    }

    def "a server that keeps failing makes the call fail after the bounded retries"() {
        given:
        4.times { server.enqueue(json(500, 'x' * 1000)) }

        when:
        http(maxRetries: 2).get('/flaky')

        then:
        HttpException e = thrown()
        server.requestCount == 3
        e.message == "GET ${server.url('/api/flaky')} failed after 3 attempts with status 500: ${'x' * 300}…"
    }

    def "a POST without an idempotency key is not retried"() {
        given:
        server.enqueue(json(503, '{}'))

        when:
        http().post('/once', body: [:], idempotencyKey: false)

        then:
        thrown(HttpException)
        server.requestCount == 1
    }

    def "plain http to a host other than loopback is refused unless allowed"() {
        when:
        http(baseUrl: 'http://api.example.com/').get('/x')

        then:
        IllegalArgumentException e = thrown()
        e.message == 'plain http:// to api.example.com is refused: tokens and data would cross the network unencrypted. Use https://, or set http.allowPlainHttp: true in migrun.yml for a trusted network'
    }

    def "an unknown option is named with the known ones"() {
        when:
        http().get('/x', bdy: [:])

        then:
        IllegalArgumentException e = thrown()
        e.message == 'http.get has no option bdy; its options are body, headers, idempotencyKey, query'
    }
}
