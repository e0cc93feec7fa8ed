package io.migrun.cli

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.node.JsonNodeType
import io.migrun.support.DatabaseSpecification

import java.nio.file.Files

import static com.fasterxml.jackson.databind.node.JsonNodeType.ARRAY
import static com.fasterxml.jackson.databind.node.JsonNodeType.BOOLEAN
import static com.fasterxml.jackson.databind.node.JsonNodeType.NULL
import static com.fasterxml.jackson.databind.node.JsonNodeType.NUMBER
import static com.fasterxml.jackson.databind.node.JsonNodeType.STRING

/**
 * The document {@code status --json} prints is a contract scripts and CI jobs parse: its field
 * names, their order and their JSON types are fixed here, on a real run that leaves every kind of
 * line (applied, changed, missing, walked with a cleanup waiting, failed, pending and held, repeatable).
 */
class StatusJsonSpec extends DatabaseSpecification {

    static final List<String> TOP = ['database', 'currentVersion', 'migrations', 'pendingCount']
    static final List<String> MIGRATION = ['version', 'description', 'script', 'state', 'appliedAt', 'durationMs', 'checksum', 'outOfOrder',
                                           'error', 'progress', 'request', 'commands', 'cleanup', 'cleanupEligibleAt', 'skippedRows',
                                           'lastDurationMs', 'runs']
    static final List<String> PROGRESS = ['version', 'step', 'processed', 'failed', 'total', 'totalEstimated', 'rowsPerSecond', 'cursor', 'done']

    JsonNode doc

    def setup() {
        folder.write('V1__items.sql', 'CREATE TABLE items (id int PRIMARY KEY, n int NOT NULL DEFAULT 0);\nINSERT INTO items (id) SELECT g FROM generate_series(1, 30) g;')
              .write('V2__note.groovy', "up { sql.execute 'CREATE TABLE note (v text)' }\n")
              .write('V3__gone.sql', 'SELECT 1;')
              .write('V4__walk.groovy', '''\
                up {
                    backfill('items', batchSize: 10) { r -> [n: r.n + 1] }
                }
                cleanupAfter 7.days
                cleanup { sql.execute 'SELECT 1' }
                ''')
              .write('V5__fails.groovy', "up { throw new RuntimeException('nope') }\n")
        assert migrun('up').exitCode == 1
        folder.write('V2__note.groovy', "up { sql.execute 'CREATE TABLE note (v text, w text)' }\n")
              .write('V6__later.sql', 'SELECT 6;')
              .write('R__view.sql', 'CREATE OR REPLACE VIEW item_view AS SELECT id FROM items;')
        Files.delete(folder.file('V3__gone.sql'))
        assert migrun('pause', '6').exitCode == 0
        def r = migrun('status', '--json')
        assert r.exitCode == 0: r
        doc = JsonOutputSpec.document(r.out)
    }

    static List<String> names(JsonNode node) {
        node.fieldNames().toList()
    }

    JsonNode line(String version) {
        doc.get('migrations').find { it.get('version').textValue() == version }
    }

    def "the document has exactly the top-level fields, in order, with their types"() {
        expect:
        names(doc) == TOP
        doc.get('database').textValue() == db.url
        doc.get('currentVersion').textValue() == '4'
        doc.get('migrations').nodeType == ARRAY
        doc.get('migrations')*.get('version')*.textValue() == ['1', '2', '3', '4', '5', '6', null]
        doc.get('pendingCount').canConvertToExactIntegral()
        doc.get('pendingCount').longValue() == 3
    }

    def "every migration line has exactly the same fields, in order, and those that are never null keep one type"() {
        expect:
        doc.get('migrations').every { names(it) == MIGRATION }
        doc.get('migrations').every { JsonNode m ->
            ['description', 'script', 'state'].every { m.get(it).nodeType == STRING } &&
                    m.get('outOfOrder').nodeType == BOOLEAN &&
                    m.get('progress').nodeType == ARRAY && m.get('commands').nodeType == ARRAY &&
                    m.get('commands').every { it.nodeType == STRING } &&
                    m.get('skippedRows').canConvertToExactIntegral() && m.get('runs').canConvertToExactIntegral()
        }
    }

    def "a line that is #situation has the state #state, the checksum #checksum and its fields' types"() {
        given:
        JsonNode m = line(version)

        expect:
        m.get('state').textValue() == state
        m.get('checksum').textValue() == checksum
        ['appliedAt', 'durationMs', 'error', 'request', 'cleanup', 'cleanupEligibleAt', 'lastDurationMs'].collectEntries { [it, m.get(it).nodeType] } == types
        m.get('commands')*.textValue() == commands
        m.get('runs').intValue() == runs

        where:
        situation                       | version || state       | checksum  | runs | commands                                  | types
        'applied'                       | '1'     || 'SUCCEEDED' | 'ok'      | 1    | []                                        | timed()
        'applied, then changed'         | '2'     || 'SUCCEEDED' | 'changed' | 1    | []                                        | timed()
        'applied, then its file deleted'| '3'     || 'MISSING'   | null      | 1    | []                                        | timed()
        'walked, its cleanup waiting'   | '4'     || 'SUCCEEDED' | 'ok'      | 1    | []                                        | timed() + [cleanup: STRING, cleanupEligibleAt: STRING]
        'failed'                        | '5'     || 'FAILED'    | null      | 1    | ['migrun up']                             | timed() + [error: STRING]
        'pending and paused by hand'    | '6'     || 'PENDING'   | null      | 0    | ['migrun resume 6', 'migrun cancel 6']    | untimed() + [request: STRING]
        'a pending repeatable script'   | null    || 'PENDING'   | null      | 0    | []                                        | untimed()
    }

    def "the text fields hold ISO-8601 instants, the operator's request and the cleanup phase as documented"() {
        expect:
        line('1').get('appliedAt').textValue() ==~ /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/
        line('4').get('cleanupEligibleAt').textValue() ==~ /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/
        line('4').get('cleanup').textValue() == 'awaiting'
        line('5').get('error').textValue() == 'V5__fails.groovy:1: java.lang.RuntimeException: nope'
        line('6').get('request').textValue() == 'pause'
        line(null).get('script').textValue() == 'R__view.sql'
    }

    def "a walk's progress entry has exactly its fields, in order, with their types"() {
        given:
        JsonNode p = line('4').get('progress').get(0)

        expect:
        line('4').get('progress').size() == 1
        names(p) == PROGRESS
        PROGRESS.collectEntries { [it, p.get(it).nodeType] } == [version: STRING, step: STRING, processed: NUMBER, failed: NUMBER, total: NUMBER,
                                                                 totalEstimated: BOOLEAN, rowsPerSecond: NUMBER, cursor: STRING, done: BOOLEAN]
        p.get('version').textValue() == '4'
        p.get('step').textValue() == 'backfill items'
        p.get('processed').longValue() == 30
        p.get('total').longValue() == 30
        p.get('done').booleanValue()
        doc.get('migrations').findAll { it.get('version').textValue() != '4' }.every { it.get('progress').size() == 0 }
    }

    static Map<String, JsonNodeType> timed() {
        [appliedAt: STRING, durationMs: NUMBER, error: NULL, request: NULL, cleanup: NULL, cleanupEligibleAt: NULL, lastDurationMs: NUMBER]
    }

    static Map<String, JsonNodeType> untimed() {
        [appliedAt: NULL, durationMs: NULL, error: NULL, request: NULL, cleanup: NULL, cleanupEligibleAt: NULL, lastDurationMs: NULL]
    }
}
