package io.migrun.history

import io.migrun.ConfigurationException
import io.migrun.dialect.PostgresDialect
import io.migrun.support.FreshDatabase
import io.migrun.support.TestPostgres
import spock.lang.AutoCleanup
import spock.lang.Specification

import java.sql.Connection
import java.sql.DriverManager

class JdbcHistoryStoreSpec extends Specification {

    FreshDatabase db = TestPostgres.fresh()

    @AutoCleanup
    Connection c = DriverManager.getConnection(db.url + '?user=postgres')

    JdbcHistoryStore store = new JdbcHistoryStore(new PostgresDialect(), new LogTables('public', '_migrationlog'), 'spec-host (pid 1)', false)

    NewRun run = new NewRun('1', 'one', 'V1__one.sql', RunKind.VERSIONED, 'sha256:00', true)

    def "the table is created once, and creating it again changes nothing"() {
        when:
        store.ensureTable(c)
        store.start(c, run)
        store.ensureTable(c)

        then:
        store.exists(c)
        store.entries(c).size() == 1
        store.entries(c)[0].runBy() == 'postgres on spec-host (pid 1)'
    }

    def "marking a run failed leaves a row that committed as succeeded alone"() {
        given:
        store.ensureTable(c)
        long id = store.start(c, run)
        store.succeed(c, id, '{"ok": true}', 5)

        expect:
        !store.fail(c, id, 'connection lost during commit', 7)
        store.entries(c)[0].state() == RunState.SUCCEEDED
        store.entries(c)[0].error() == null
    }

    def "a second succeeded row for one version is refused by the unique index"() {
        given:
        store.ensureTable(c)
        store.succeed(c, store.start(c, run), null, 1)

        when:
        store.succeed(c, store.start(c, run), null, 1)

        then:
        def e = thrown(io.migrun.MigrunException)
        e.message.contains('duplicate key value violates unique constraint "_migrationlog_applied_once"')
    }

    def "a table of the same name that migrun did not create is refused"() {
        given:
        c.createStatement().execute('CREATE TABLE _migrationlog (id int)')

        when:
        store.ensureTable(c)

        then:
        def e = thrown(ConfigurationException)
        e.message == "The table public._migrationlog exists but is not a migrun log (its comment is '', expected 'migrun log layout 2'). Choose another log table with --table, or rename the existing table."
    }

    def "a log written by a newer release is refused"() {
        given:
        store.ensureTable(c)
        c.createStatement().execute("COMMENT ON TABLE _migrationlog IS 'migrun log layout 9'")

        when:
        store.ensureTable(c)

        then:
        def e = thrown(ConfigurationException)
        e.message == 'The log table public._migrationlog has layout 9, written by a newer migrun; this one understands layout 2. Upgrade migrun.'
    }

    def "closing interrupted runs marks only running rows, saying whether a transaction protected them"() {
        given:
        store.ensureTable(c)
        store.succeed(c, store.start(c, run), null, 1)
        store.start(c, new NewRun('2', 'two', 'V2__two.groovy', RunKind.VERSIONED, 'sha256:02', false))

        when:
        def closed = store.closeInterrupted(c)

        then:
        closed*.version() == ['2']
        store.entries(c)*.state() == [RunState.SUCCEEDED, RunState.FAILED]
        store.entries(c)[1].error() == 'interrupted: the runner (postgres on spec-host (pid 1)) stopped before the run finished; it ran without a transaction, so some of its changes may be in place'
    }
}
