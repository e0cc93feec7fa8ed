package io.migrun.cli

import io.migrun.support.Cli
import io.migrun.support.CliResult
import io.migrun.support.DatabaseSpecification
import io.migrun.support.TestPostgres

/**
 * {@code migrun up} against a real database reached by a libpq-style URL, given each way a URL can
 * be, with the user and password taken from it: the migration is applied as that user, and the
 * password shows nowhere, as it was written in the URL (percent-encoded) or decoded.
 */
class PostgresUrlUpSpec extends DatabaseSpecification {

    static final String PASSWORD = TestPostgres.APP_PASSWORD
    static final String ENCODED = PASSWORD.replace('-', '%2D')

    def "up applies the migrations through a postgres:// URL given as #source"() {
        given:
        folder.write('V1__notes.sql', 'CREATE TABLE notes (id int PRIMARY KEY);\n')
        if (yaml) {
            dir.resolve('migrun.yml').text = "url: ${libpq()}\n"
        }

        when:
        CliResult up = Cli.run(dir, env(source), (['up'] + flags(source)) as String[])
        CliResult history = Cli.run(dir, env(source), (['history'] + flags(source)) as String[])

        then:
        up.exitCode == 0
        history.exitCode == 0
        db.value("SELECT tableowner FROM pg_tables WHERE tablename = 'notes'") == TestPostgres.APP_USER
        db.value("SELECT count(*) FROM _migrationlog WHERE version = '1' AND state = 'succeeded'") == 1

        and: 'the password appears in no output and no row of the log'
        [up, history].each { r -> [PASSWORD, ENCODED].each { assert !(r.out + r.err).contains(it), r.toString() } }
        String log = db.rows('SELECT t::text AS row FROM _migrationlog t')*.row.join('\n')
        !log.contains(PASSWORD) && !log.contains(ENCODED)

        where:
        source         | yaml
        '--url'        | false
        'MIGRUN_URL'   | false
        'DATABASE_URL' | false
        'url: in yml'  | true
    }

    def "with MIGRUN_URL and DATABASE_URL both set, MIGRUN_URL is used"() {
        given:
        folder.write('V1__notes.sql', 'CREATE TABLE notes (id int PRIMARY KEY);\n')

        when:
        CliResult up = Cli.run(dir, [MIGRUN_URL: libpq(), DATABASE_URL: 'postgres://nobody:nothing@localhost:1/nowhere'], 'up')

        then:
        up.exitCode == 0
        db.value("SELECT count(*) FROM _migrationlog WHERE version = '1' AND state = 'succeeded'") == 1
    }

    String libpq() {
        db.url.replace('jdbc:postgresql://', "postgres://${TestPostgres.APP_USER}:${ENCODED}@")
    }

    Map<String, String> env(String source) {
        source == 'MIGRUN_URL' ? [MIGRUN_URL: libpq()] : source == 'DATABASE_URL' ? [DATABASE_URL: libpq()] : [:]
    }

    List<String> flags(String source) {
        source == '--url' ? ['--url', libpq()] : []
    }
}
