package io.migrun.cli

import io.migrun.support.Cli
import io.migrun.support.CliResult
import io.migrun.support.DatabaseSpecification
import io.migrun.support.TestPostgres
import spock.lang.Timeout

/** A password on the command line is visible in the process list: migrun warns once; --password alone asks for it. */
class PasswordOptionSpec extends DatabaseSpecification {

    static final String PASSWORD = TestPostgres.APP_PASSWORD
    static final String WARNING = 'WARNING: a password given on the command line is visible to other users in the process list; ' +
            'use MIGRUN_PASSWORD, a ${VAR} in migrun.yml or --password without a value to be prompted.\n'

    Map<String, String> noPassword() {
        [MIGRUN_URL: db.url, MIGRUN_USER: TestPostgres.APP_USER]
    }

    def "#given warns once on stderr and still connects"() {
        when:
        CliResult r = Cli.run(dir, env(db), (['status'] + flags(db)) as String[])

        then:
        r.exitCode == 0
        r.err == warning
        r.out.startsWith('Database: ')

        where:
        given                               | warning | env                                           | flags
        '--password=VALUE'                  | WARNING | { d -> [MIGRUN_URL: d.url, MIGRUN_USER: 'app'] } | { d -> ["--password=${PASSWORD}".toString()] }
        '--password VALUE'                  | WARNING | { d -> [MIGRUN_URL: d.url, MIGRUN_USER: 'app'] } | { d -> ['--password', PASSWORD] }
        '--url with password= and --password' | WARNING | { d -> [MIGRUN_USER: 'app'] }              | { d -> ['--url', "${d.url}?password=${PASSWORD}".toString(), '--password', PASSWORD] }
        'MIGRUN_PASSWORD'                   | ''      | { d -> d.env() }                             | { d -> [] }
        'a password in MIGRUN_URL'          | ''      | { d -> [MIGRUN_URL: "${d.url}?password=${PASSWORD}".toString(), MIGRUN_USER: 'app'] } | { d -> [] }
    }

    @Timeout(60)
    def "--password without a value asks on the terminal and keeps the answer out of sight"() {
        when:
        CliResult r = Cli.runTyped(dir, noPassword(), [PASSWORD], 'status', '--password')

        then:
        r.exitCode == 0
        r.err == 'Database password: '
        r.out.startsWith('Database: ')
        !(r.out + r.err).contains(PASSWORD)
    }

    @Timeout(60)
    def "--password without a value and without a terminal is a usage error"() {
        when:
        CliResult r = Cli.run(dir, noPassword(), 'status', '--password')

        then:
        r.exitCode == 2
        r.err == 'ERROR: --password was given without a value, and there is no terminal to ask on. ' +
                'Set MIGRUN_PASSWORD, use a ${VAR} in migrun.yml, or run the command on a terminal.\n'
    }
}
