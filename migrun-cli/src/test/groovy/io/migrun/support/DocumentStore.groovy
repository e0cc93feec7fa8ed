package io.migrun.support

import io.migrun.internal.json.Json
import okhttp3.mockwebserver.Dispatcher
import okhttp3.mockwebserver.MockResponse
import okhttp3.mockwebserver.RecordedRequest

/**
 * A document store's HTTP API for specs: POST /users, /threads and /messages store a document and
 * answer with the id it assigns; a repeated Idempotency-Key gets the first answer again, as real
 * stores do. References must point to stored documents. Every 23rd request fails with 503 and every
 * 31st with 429, before anything is stored. GET /stats counts, GET /messages/dangling finds
 * messages whose thread is missing. Requires the bearer token.
 */
class DocumentStore extends Dispatcher {

    final String token
    final Map<String, Map<String, Map>> docs = new java.util.concurrent.ConcurrentHashMap<>([users: [:], threads: [:], messages: [:]])
    final Map<String, MockResponse> answered = [:]
    /** Every body each Idempotency-Key arrived with, retries included. */
    final Map<String, Set<String>> bodies = [:]
    int requests
    int refused
    /** Called as each request arrives, before it is answered; specs use it to look at the database meanwhile. */
    Closure<?> onRequest = {}

    DocumentStore(String token) {
        this.token = token
    }

    @Override
    synchronized MockResponse dispatch(RecordedRequest request) {
        requests++
        onRequest()
        if (request.getHeader('Authorization') != "Bearer ${token}") {
            return json(401, [error: 'unauthorized'])
        }
        String path = request.path
        if (request.method == 'GET' && path == '/stats') {
            return json(200, docs.collectEntries { k, v -> [(k): v.size()] })
        }
        if (request.method == 'GET' && path == '/messages/dangling') {
            return json(200, [count: docs.messages.values().count { !docs.threads.containsKey(it.threadId) }])
        }
        String kind = path.replaceFirst('^/', '')
        if (request.method != 'POST' || !docs.containsKey(kind)) {
            return json(404, [error: "no route ${request.method} ${path}"])
        }
        String key = request.getHeader('Idempotency-Key')
        if (key == null) {
            return json(400, [error: 'Idempotency-Key is required'])
        }
        String text = request.body.readUtf8()
        bodies.computeIfAbsent(key) { new LinkedHashSet<String>() } << text
        if (answered.containsKey(key)) {
            return answered[key]
        }
        if (requests % 23 == 0) {
            refused++
            return json(503, [error: 'try again'])
        }
        if (requests % 31 == 0) {
            refused++
            return json(429, [error: 'slow down']).setHeader('Retry-After', '0')
        }
        Map body = Json.parse(text) as Map
        if (kind == 'threads' && !docs.users.containsKey(body.userId)) {
            return json(422, [error: "unknown userId ${body.userId}"])
        }
        if (kind == 'messages' && !docs.threads.containsKey(body.threadId)) {
            return json(422, [error: "unknown threadId ${body.threadId}"])
        }
        String id = kind.substring(0, 3) + '_' + (docs[kind].size() + 1)
        docs[kind] = (docs[kind] + [(id): body]).asImmutable()
        MockResponse created = json(201, [id: id])
        answered[key] = created
        created
    }

    /** Not synchronized: a spec polls it while requests are being served. */
    int count(String kind) {
        docs[kind].size()
    }

    private static MockResponse json(int status, Object body) {
        new MockResponse().setResponseCode(status).setHeader('Content-Type', 'application/json').setBody(Json.write(body))
    }
}
