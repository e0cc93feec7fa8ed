package io.migrun.lifecycle

import com.fasterxml.jackson.databind.ObjectMapper
import io.migrun.support.DatabaseSpecification
import io.migrun.support.LogTable

import java.nio.file.Files

/**
 * The rules by which the log and the folder decide where a version stands, as {@code status --json}
 * reports it: every last run the log can hold for a version, against its file unchanged, changed
 * since it ran, or gone. The log rows are written directly, as earlier runs left them.
 */
class StatusStatesSpec extends DatabaseSpecification {

    static final String TEXT = 'SELECT 1;\n'
    static final String SUM = LogTable.checksum(TEXT)
    static final String SCRIPT = 'V5__subject.sql'

    /**
     * The rows each log state is made of, oldest first, for version 5. {@code this runner} and
     * {@code gone here} stand for the run_by of this JVM and of a pid no process has on this host.
     */
    static final Map<String, List<Map<String, Object>>> LOGS = [
            'no row'                               : [],
            'succeeded'                            : [[state: 'succeeded']],
            'failed'                               : [[state: 'failed', error: 'V5__subject.sql:1: boom']],
            'failed, partly applied'               : [[state: 'failed', transactional: false, error: 'V5__subject.sql:1: boom']],
            'running, its runner alive here'       : [[state: 'running', run_by: 'this runner']],
            'running, its runner gone here'        : [[state: 'running', run_by: 'gone here']],
            'running elsewhere, holding no lock'   : [[state: 'running', run_by: 'app on elsewhere-host (pid 4242)']],
            'paused'                               : [[state: 'paused', result: '{"stopped": "V5 stopped at id=10"}']],
            'cancelled'                            : [[state: 'cancelled', result: '{"stopped": "V5 cancelled at id=10"}']],
            'undone by down'                       : [[state: 'reverted'], [kind: 'down', state: 'succeeded']],
            'partly applied, then repaired'        : [[state: 'failed', transactional: false], [kind: 'repair', state: 'succeeded']],
            'failed, then succeeded'               : [[state: 'failed'], [state: 'succeeded']],
            'succeeded, then a failed down'        : [[state: 'succeeded'], [kind: 'down', state: 'failed']],
            'succeeded, then a failed retry-errors': [[state: 'succeeded'], [kind: 'retry-errors', state: 'failed']],
            'baselined at it'                      : [[kind: 'baseline', state: 'succeeded', script: '<< baseline >>', checksum: null]],
            'succeeded, then its file forgotten'   : [[state: 'succeeded'], [kind: 'repair', state: 'succeeded', checksum: null, result: '{"action": "forget-missing"}']],
            'succeeded, then an edit accepted'     : [[state: 'succeeded', checksum: LogTable.checksum('SELECT 0;\n')],
                                                      [kind: 'repair', state: 'succeeded', result: '{"action": "accept-checksum"}']],
    ]

    /** Who this JVM's runner is in run_by: an ad-hoc run writes it, and creates the log table as migrun does. */
    String thisRunner() {
        Files.createDirectories(dir.resolve('scripts'))
        dir.resolve('scripts/probe.groovy').text = 'run { 1 }\n'
        assert migrun('run', 'probe').exitCode == 0
        db.value("SELECT run_by FROM _migrationlog WHERE kind = 'ad-hoc'")
    }

    void writeLog(String state) {
        String runner = thisRunner()
        Map<String, String> runBy = ['this runner': runner, 'gone here': runner.replaceFirst(/\(pid \d+\)$/, '(pid 99999999)')]
        LOGS[state].each { Map row ->
            Map values = [version: '5', description: 'subject', script: SCRIPT, checksum: SUM] + row
            LogTable.insert(db, values + (runBy.containsKey(row.run_by) ? [run_by: runBy[row.run_by]] : [:]))
        }
    }

    void writeFile(String file) {
        if (file != 'missing') {
            folder.write(SCRIPT, file == 'unchanged' ? TEXT : 'SELECT 2;\n')
        }
    }

    /** Version 5's line of status --json, or null when status does not list it. */
    Map statusOfV5() {
        def r = migrun('status', '--json')
        assert r.exitCode == 0: r
        (new ObjectMapper().readValue(r.out, Map).migrations as List<Map>).find { it.version == '5' }
    }

    def "a version whose log is #log and whose file is #file shows in status as #state, checksum #checksum"() {
        given:
        writeLog(log)
        writeFile(file)

        when:
        Map line = statusOfV5()

        then:
        line?.state == state
        line?.checksum == checksum

        where:
        log                                     | file        || state         | checksum
        'no row'                                | 'unchanged' || 'PENDING'     | null
        'no row'                                | 'changed'   || 'PENDING'     | null
        'no row'                                | 'missing'   || null          | null
        'succeeded'                             | 'unchanged' || 'SUCCEEDED'   | 'ok'
        'succeeded'                             | 'changed'   || 'SUCCEEDED'   | 'changed'
        'succeeded'                             | 'missing'   || 'MISSING'     | null
        'failed'                                | 'unchanged' || 'FAILED'      | null
        'failed'                                | 'changed'   || 'FAILED'      | null
        'failed'                                | 'missing'   || null          | null
        'failed, partly applied'                | 'unchanged' || 'PARTIAL'     | null
        'failed, partly applied'                | 'changed'   || 'PARTIAL'     | null
        'failed, partly applied'                | 'missing'   || 'PARTIAL'     | null
        'running, its runner alive here'        | 'unchanged' || 'RUNNING'     | null
        'running, its runner alive here'        | 'changed'   || 'RUNNING'     | null
        'running, its runner alive here'        | 'missing'   || 'RUNNING'     | null
        'running, its runner gone here'         | 'unchanged' || 'INTERRUPTED' | null
        'running, its runner gone here'         | 'changed'   || 'INTERRUPTED' | null
        'running, its runner gone here'         | 'missing'   || 'INTERRUPTED' | null
        'running elsewhere, holding no lock'    | 'unchanged' || 'INTERRUPTED' | null
        'running elsewhere, holding no lock'    | 'changed'   || 'INTERRUPTED' | null
        'running elsewhere, holding no lock'    | 'missing'   || 'INTERRUPTED' | null
        'paused'                                | 'unchanged' || 'PAUSED'      | null
        'paused'                                | 'changed'   || 'PAUSED'      | null
        'paused'                                | 'missing'   || 'PAUSED'      | null
        'cancelled'                             | 'unchanged' || 'CANCELLED'   | null
        'cancelled'                             | 'changed'   || 'CANCELLED'   | null
        'cancelled'                             | 'missing'   || 'CANCELLED'   | null
        'undone by down'                        | 'unchanged' || 'PENDING'     | null
        'undone by down'                        | 'changed'   || 'PENDING'     | null
        'undone by down'                        | 'missing'   || null          | null
        'partly applied, then repaired'         | 'unchanged' || 'PENDING'     | null
        'partly applied, then repaired'         | 'changed'   || 'PENDING'     | null
        'partly applied, then repaired'         | 'missing'   || null          | null
        'failed, then succeeded'                | 'unchanged' || 'SUCCEEDED'   | 'ok'
        'failed, then succeeded'                | 'changed'   || 'SUCCEEDED'   | 'changed'
        'failed, then succeeded'                | 'missing'   || 'MISSING'     | null
        'succeeded, then a failed down'         | 'unchanged' || 'SUCCEEDED'   | 'ok'
        'succeeded, then a failed down'         | 'changed'   || 'SUCCEEDED'   | 'changed'
        'succeeded, then a failed down'         | 'missing'   || 'MISSING'     | null
        'succeeded, then a failed retry-errors' | 'unchanged' || 'SUCCEEDED'   | 'ok'
        'succeeded, then a failed retry-errors' | 'changed'   || 'SUCCEEDED'   | 'changed'
        'succeeded, then a failed retry-errors' | 'missing'   || 'MISSING'     | null
        'baselined at it'                       | 'unchanged' || 'BASELINE'    | null
        'baselined at it'                       | 'changed'   || 'BASELINE'    | null
        'baselined at it'                       | 'missing'   || 'BASELINE'    | null
        'succeeded, then its file forgotten'    | 'unchanged' || 'SUCCEEDED'   | 'ok'
        'succeeded, then its file forgotten'    | 'changed'   || 'SUCCEEDED'   | 'changed'
        'succeeded, then its file forgotten'    | 'missing'   || 'DELETED'     | null
        'succeeded, then an edit accepted'      | 'unchanged' || 'SUCCEEDED'   | 'ok'
        'succeeded, then an edit accepted'      | 'changed'   || 'SUCCEEDED'   | 'changed'
        'succeeded, then an edit accepted'      | 'missing'   || 'MISSING'     | null
    }

}
