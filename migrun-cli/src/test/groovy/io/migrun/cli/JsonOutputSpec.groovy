package io.migrun.cli

import com.fasterxml.jackson.databind.DeserializationFeature
import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import io.migrun.support.Cli
import io.migrun.support.CliResult
import io.migrun.support.DatabaseSpecification

/** With --json, stdout carries exactly one JSON document; notices, log lines and warnings go to stderr. */
class JsonOutputSpec extends DatabaseSpecification {

    static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)

    /** The one JSON document of {@code text}; fails on anything before or after it. */
    static JsonNode document(String text) {
        JsonNode doc = STRICT.readTree(text)
        assert !doc.missingNode: "no JSON document in: ${text}"
        doc
    }

    def setup() {
        folder.write('V1__t.groovy', '''\
            up {
                log.info 'creating t'
                sql.execute 'CREATE TABLE t (id int PRIMARY KEY)'
                sql.execute 'INSERT INTO t VALUES (1), (2)'
            }
            verify { expect 'two rows', count('t') == 2 }
            ''')
        dir.resolve('scripts').toFile().mkdirs()
        dir.resolve('scripts/count.groovy').text = '''\
            run {
                log.info 'counting'
                [rows: count('t'), ids: sql.rows('SELECT id FROM t ORDER BY id')*.id, ratio: 0.5]
            }
            '''.stripIndent()
        migrun('up')
    }

    def "#command prints one JSON document on stdout and its log lines on stderr"() {
        when:
        CliResult r = migrun(*command)

        then:
        r.exitCode == 0
        document(r.out) != null
        r.err.contains(onStderr)

        where:
        command                                      | onStderr
        ['status', '--json']                         | ''
        ['history', '--json']                        | ''
        ['verify', '--json']                         | ''
        ['run', 'count', '--json']                   | '[count.groovy] counting'
        ['run', 'count', '--once', '--json']         | ''
        ['run', 'count', '--dry-run', '--json']      | '[count.groovy] counting'
    }

    def "run --json gives the result as a JSON value, and history --json gives arguments and results as JSON values"() {
        when:
        JsonNode run = document(migrun('run', 'count', '--json').out)
        JsonNode dry = document(migrun('run', 'count', '--dry-run', '--json').out)
        JsonNode history = document(migrun('history', '--json').out)

        then:
        run.get('result').toString() == '{"rows":2,"ids":[1,2],"ratio":0.5}'
        dry.get('result').toString() == '{"rows":2,"ids":[1,2],"ratio":0.5}'
        dry.get('dryRun').get('migrations').get(0).get('result').toString() == '{"rows":2,"ids":[1,2],"ratio":0.5}'
        history.get(1).get('result').toString() == '{"ids":[1,2],"rows":2,"ratio":0.5}'
        history.get(1).get('args').toString() == '{}'
        history.get(0).get('result').toString() == 'false'
        history.get(0).get('args').isNull()
    }

    def "the server's notices are in the document as notices, and on stderr as psql shows them"() {
        given:
        dir.resolve('scripts/chatty.groovy').text = '''\
            run {
                sql.execute "DO \\$\\$ BEGIN RAISE NOTICE 'moved % rows', 2; RAISE WARNING 'check the totals'; END \\$\\$"
                [ok: true]
            }
            '''.stripIndent()

        when:
        CliResult r = migrun('run', 'chatty', '--json')

        then:
        r.exitCode == 0
        document(r.out).get('notices').toString() ==
                '[{"script":"chatty.groovy","severity":"NOTICE","message":"moved 2 rows"},{"script":"chatty.groovy","severity":"WARNING","message":"check the totals"}]'
        r.err.contains('  [chatty.groovy] NOTICE:  moved 2 rows\n  [chatty.groovy] WARNING:  check the totals\n')
    }

    def "a --json command that fails prints the error as its JSON document and on stderr"() {
        given:
        folder.write('V2__later.sql', 'CREATE TABLE later (v int);')

        when:
        CliResult r = migrun('verify', '2', '--json')

        then:
        r.exitCode == 2
        r.err == 'ERROR: V2 is pending; migrun verify checks applied migrations.\n'
        document(r.out).toString() == '{"error":{"message":"V2 is pending; migrun verify checks applied migrations.","exitCode":2}}'
    }

    def "a --json command line that does not parse prints the usage error as its JSON document"() {
        when:
        CliResult r = migrun('status', '--json', '--tagret', '3')

        then:
        r.exitCode == 2
        r.err.startsWith("Unknown options: '--tagret', '3'")
        document(r.out).toString() == '{"error":{"message":"Unknown options: \'--tagret\', \'3\'","exitCode":2}}'
    }

    def "with the embedded PostgreSQL, status --json and history --json print only JSON on stdout"() {
        given: 'a separate process, as a user runs it, with no URL anywhere'
        folder.write('V2__more.sql', 'CREATE TABLE more (v int);')

        when:
        CliResult status = Cli.finish(Cli.start(dir, [:], 'status', '--json'))
        CliResult history = Cli.finish(Cli.start(dir, [:], 'history', '--json'))

        then:
        status.exitCode == 0
        document(status.out).get('migrations').size() == 2
        status.err.startsWith('Using the embedded PostgreSQL (created now) with its data in ')
        history.exitCode == 0
        document(history.out).size() == 0
        history.err.startsWith('Using the embedded PostgreSQL with its data in ')
    }
}
