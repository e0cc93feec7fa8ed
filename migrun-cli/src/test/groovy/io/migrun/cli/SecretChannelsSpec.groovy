package io.migrun.cli

import io.migrun.helper.Keyring
import io.migrun.support.Cli
import io.migrun.support.CliResult
import io.migrun.support.DatabaseSpecification
import io.migrun.support.TestPostgres

import java.nio.charset.StandardCharsets

/**
 * A canary secret from each source migrun knows, echoed by scripts through every channel (log
 * lines, results, errors, skipped-row errors, dry runs, history, JSON), appears nowhere: not on
 * stdout, not on stderr, not in any of migrun's tables.
 */
class SecretChannelsSpec extends DatabaseSpecification {

    static final String PASSWORD = TestPostgres.APP_PASSWORD
    static final String KEY_LINE = Keyring.generate('k1')
    static final String FILE_KEY_LINE = Keyring.generate('k2')

    /** Flags every command of a case takes, e.g. a password on the command line. */
    List<String> flags = []
    Map<String, String> env = [:]

    def "a secret from #source is masked in output, in JSON and in every table migrun writes"() {
        given:
        env = setting.env(db) as Map<String, String>
        flags = setting.flags(db) as List<String>
        if (setting.yaml) {
            dir.resolve('migrun.yml').text = setting.yaml
        }
        dir.resolve('keys.txt').text = FILE_KEY_LINE + '\n'
        echoing(canary)

        when:
        List<CliResult> runs = [
                cli('up'),
                cli('run', 'echo', '--arg', 'token=not-a-secret', '--json'),
                cli('run', 'echo', '--arg', 'token=not-a-secret', '--dry-run'),
                cli('history'),
                cli('history', '--json'),
                cli('status', '--json'),
                cli('errors', '1')]

        then: 'every channel was reached, with the secret masked'
        runs[0].exitCode == 1
        runs[0].out.contains('[V1] echo *** encoded *** spaced ***')
        runs[0].out.contains('[V1] NOTICE:  server says ***')
        runs[0].err.contains('V2__fails.groovy:1: java.lang.IllegalStateException: refused with ***')
        runs[1].exitCode == 0
        (runs[1].out + runs[1].err).contains('script sees ***')
        runs[2].out.contains('result: {"echoed":"***","encoded":"***"}')
        runs[3].out.contains('{"echoed": "***", "encoded": "***"}')
        runs[6].out.contains('row refused: ***')
        db.value("SELECT error FROM _migrationerrors").endsWith('java.lang.IllegalStateException: row refused: ***')

        and: 'the secret appears nowhere, in any encoding'
        runs.each { assert !leaks(it.out + it.err, canary), it.toString() }
        !leaks(tables(), canary)

        where:
        source                    | canary                     | setting
        'MIGRUN_PASSWORD'         | PASSWORD                   | [env: { d -> d.env() }, flags: { d -> [] }]
        '--password=VALUE'        | PASSWORD                   | [env: { d -> withoutPassword(d) }, flags: { d -> ["--password=${PASSWORD}".toString()] }]
        '--url …password='        | PASSWORD                   | [env: { d -> [MIGRUN_USER: 'app'] }, flags: { d -> ['--url', "${d.url}?password=${PASSWORD}".toString()] }]
        'MIGRUN_URL'              | PASSWORD                   | [env: { d -> [MIGRUN_USER: 'app', MIGRUN_URL: "${d.url}?password=${PASSWORD}".toString()] }, flags: { d -> [] }]
        '--url postgres://'       | PASSWORD                   | [env: { d -> [:] }, flags: { d -> ['--url', libpq(d.url)] }]
        'DATABASE_URL postgres://'| PASSWORD                   | [env: { d -> [DATABASE_URL: libpq(d.url)] }, flags: { d -> [] }]
        'MIGRUN_URL postgresql://'| PASSWORD                   | [env: { d -> [MIGRUN_URL: libpq(d.url).replace('postgres:', 'postgresql:')] }, flags: { d -> [] }]
        'password: in migrun.yml' | PASSWORD                   | [env: { d -> withoutPassword(d) }, flags: { d -> [] }, yaml: "password: ${PASSWORD}\n"]
        'a datasource password'   | 'ds Pa55/word+canary'      | [env: { d -> d.env() }, flags: { d -> [] }, yaml: datasource('ds Pa55/word+canary')]
        'MIGRUN_KEYS'             | KEY_LINE.substring(3)      | [env: { d -> d.env() + [MIGRUN_KEYS: KEY_LINE] }, flags: { d -> [] }]
        'a keys file'             | FILE_KEY_LINE.substring(3) | [env: { d -> d.env() + [MIGRUN_KEYS_FILE: 'keys.txt'] }, flags: { d -> [] }]
        'MIGRUN_HTTP_TOKEN'       | 'Tok en/+@canary-91'       | [env: { d -> d.env() + [MIGRUN_HTTP_TOKEN: 'Tok en/+@canary-91'] }, flags: { d -> [] }]
        'an HTTP header value'    | 'hdr&canary=42 x'          | [env: { d -> d.env() }, flags: { d -> [] }, yaml: "http:\n  headers:\n    X-Api-Key: 'hdr&canary=42 x'\n"]
    }

    def "a secret: true argument is masked in the run's log line, result, error, dry run, history and log rows"() {
        given:
        String c = 'arg canary/+ 77'
        env = db.env()
        dir.resolve('scripts').toFile().mkdirs()
        dir.resolve('scripts/echo.groovy').text = '''\
            arg 'token', String, secret: true
            run {
                log.info "script sees ${args.token} encoded ${URLEncoder.encode(args.token, 'UTF-8')}"
                [echoed: args.token, encoded: URLEncoder.encode(args.token, 'UTF-8')]
            }
            '''.stripIndent()
        dir.resolve('scripts/refuse.groovy').text = '''\
            arg 'token', String, secret: true
            run { throw new IllegalStateException("refused " + args.token) }
            '''.stripIndent()

        when:
        List<CliResult> runs = [
                cli('run', 'echo', '--arg', "token=${c}", '--json'),
                cli('run', 'echo', '--arg', "token=${c}"),
                cli('run', 'echo', '--arg', "token=${c}", '--dry-run'),
                cli('run', 'refuse', '--arg', "token=${c}"),
                cli('history'),
                cli('history', '--json')]

        then:
        runs[0].out == '{"script":"echo.groovy","args":{"token":"***"},"result":{"echoed":"***","encoded":"***"},"durationMs":' +
                runs[0].out.find(/"durationMs":(\d+)/) { all, ms -> ms } + ',"skipped":null,"dryRun":null}\n'
        runs[0].err == '  [echo.groovy] script sees *** encoded ***\n'
        runs[1].out.contains('Result: {"echoed":"***","encoded":"***"}')
        runs[2].out.contains('result: {"echoed":"***","encoded":"***"}')
        runs[3].err.contains('refuse.groovy:2: java.lang.IllegalStateException: refused ***')
        runs.each { assert !leaks(it.out + it.err, c), it.toString() }
        !leaks(tables(), c)
    }

    static Map<String, String> withoutPassword(db) {
        [MIGRUN_URL: db.url, MIGRUN_USER: 'app']
    }

    /** The database's URL as postgres://app:password@host:port/name, the password percent-encoded where it can be. */
    static String libpq(String jdbcUrl) {
        jdbcUrl.replace('jdbc:postgresql://', "postgres://${TestPostgres.APP_USER}:${PASSWORD.replace('-', '%2D')}@")
    }

    static String datasource(String password) {
        "datasources:\n  legacy:\n    url: jdbc:postgresql://localhost:1/nowhere\n    password: '${password}'\n"
    }

    CliResult cli(String... args) {
        Cli.run(dir, env, (args.toList() + flags) as String[])
    }

    /** Scripts that echo the canary raw, URL-encoded and with %20 for spaces, in a log line, a result, an error and a row error. */
    void echoing(String c) {
        String line = "echo ${c} encoded ${encoded(c)} spaced ${encoded(c).replace('+', '%20')}"
        String notice = 'DO $$ BEGIN RAISE NOTICE ' + "'server says ${c}'" + '; END $$'
        folder.write('V1__echo.groovy', """\
            up {
                log.info '${line}'
                sql.execute '''${notice}'''
                step('notes') { sql.execute "CREATE TABLE notes (id int PRIMARY KEY, v text); INSERT INTO notes VALUES (1, 'a'), (2, 'b')" }
                backfill('notes', onError: 'skip') { r ->
                    if (r.id == 2) {
                        throw new IllegalStateException('row refused: ${c}')
                    }
                    [v: 'done']
                }
                [echoed: '${c}', encoded: '${encoded(c)}']
            }
            """)
              .write('V2__fails.groovy', "up { throw new IllegalStateException('refused with ${c}') }\n")
        dir.resolve('scripts').toFile().mkdirs()
        dir.resolve('scripts/echo.groovy').text = """\
            arg 'token', String, secret: true
            run {
                log.info 'script sees ${c}'
                [echoed: '${c}', encoded: '${encoded(c)}']
            }
            """.stripIndent()
    }

    static String encoded(String s) {
        URLEncoder.encode(s, StandardCharsets.UTF_8)
    }

    static boolean leaks(String text, String c) {
        [c, encoded(c), encoded(c).replace('+', '%20')].any { text.contains(it) }
    }

    /** Every table migrun writes, row by row as text. */
    String tables() {
        ['_migrationlog', '_migrationcheckpoints', '_migrationerrors', '_migrationcontrol']
                .collect { t -> db.rows("SELECT t::text AS row FROM ${t} t".toString())*.row.join('\n') }.join('\n')
    }
}
