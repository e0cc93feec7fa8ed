package io.migrun

import io.migrun.support.DatabaseSpecification
import io.migrun.support.TestPostgres
import io.migrun.config.MigrunConfig

/** What an embedder's {@code Migrun} does after {@code requestStop()} and with a script prepared for the other kind of run. */
class StoppedInstanceSpec extends DatabaseSpecification {

    Migrun migrun

    def setup() {
        folder.write('V1__one.sql', 'CREATE TABLE one (id int);')
        dir.resolve('scripts').toFile().mkdirs()
        dir.resolve('scripts/mark.groovy').text = "run {\n    sql.execute('CREATE TABLE IF NOT EXISTS marks (dry boolean)')\n    sql.execute('INSERT INTO marks VALUES (?)', [dryRun])\n}\n"
        migrun = Migrun.configure().config(MigrunConfig.builder().url(db.url).user(TestPostgres.APP_USER)
                .password(TestPostgres.APP_PASSWORD).migrations(folder.migrations).scripts(dir.resolve('scripts')).build()).load()
    }

    def cleanup() {
        migrun?.close()
    }

    def "after requestStop no command starts: #command says so and changes nothing"() {
        given:
        migrun.requestStop()

        when:
        call(migrun)

        then:
        MigrunException e = thrown()
        e.message == 'Not started: a stop was requested on this Migrun, which is spent; build a new one to run more commands.'
        db.value("SELECT count(*) FROM pg_tables WHERE tablename IN ('one', '_migrationlog')") == 0

        where:
        command    | call
        'migrate'  | { Migrun m -> m.migrate() }
        'baseline' | { Migrun m -> m.baseline('1') }
        'status'   | { Migrun m -> m.status() }
    }

    def "a script prepared for a #prepared cannot be #used: its code may test dryRun"() {
        given:
        PreparedScript script = migrun.prepareScript('mark', [:], null, preparedDry)

        when:
        use(migrun, script)

        then:
        IllegalArgumentException e = thrown()
        e.message == message
        db.value("SELECT to_regclass('marks') IS NULL") == true

        where:
        prepared   | preparedDry | used           | use                                            | message
        'dry run'  | true        | 'run for real' | { Migrun m, s -> m.runScript(s, false) }      | 'The script mark.groovy was prepared for a dry run, and its code may test dryRun; prepare it with dryRun false to run it.'
        'real run' | false       | 'dry-run'      | { Migrun m, s -> m.dryRunScript(s) }          | 'The script mark.groovy was prepared for a real run, and its code may test dryRun; prepare it with dryRun true to dry-run it.'
    }

    def "a script prepared for the run it gets runs and sees dryRun as it was prepared"() {
        when:
        migrun.runScript(migrun.prepareScript('mark', [:], null, false), false)

        then:
        db.rows('SELECT dry FROM marks')*.dry == [false]
    }
}
