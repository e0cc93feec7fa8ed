package io.migrun.internal.history

import io.migrun.ConfigurationException
import io.migrun.internal.dialect.PostgresDialect
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

    def "closing an interrupted run marks it failed only while it runs; its duration runs to its last checkpoint, or to now, or is unknown"() {
        given:
        store.ensureTable(c)
        long done = store.start(c, run)
        store.succeed(c, done, null, 1)
        long id = store.start(c, new NewRun('2', 'two', 'V2__two.groovy', RunKind.VERSIONED, 'sha256:02', true))
        c.createStatement().execute("UPDATE _migrationlog SET started_at = now() - interval '10 minutes' WHERE id = ${id}")
        if (checkpointAgo != null) {
            c.createStatement().execute("INSERT INTO _migrationcheckpoints (version, step, kind, state, updated_at) " +
                    "VALUES ('2', 'walk', 'batches', 'running', now() - interval '${checkpointAgo} minutes')")
        }

        when:
        boolean closedDone = store.closeInterrupted(c, done, 'interrupted: x', ranUntilNow)
        boolean closed = store.closeInterrupted(c, id, 'interrupted: gone', ranUntilNow)
        boolean again = store.closeInterrupted(c, id, 'interrupted: again', ranUntilNow)
        def entry = store.entries(c)[1]

        then:
        !closedDone
        closed
        !again
        store.entries(c)*.state() == [RunState.SUCCEEDED, RunState.FAILED]
        entry.error() == 'interrupted: gone'
        entry.durationMs() == null ? minutes == null : Math.round(entry.durationMs() / 60_000d) == minutes

        where:
        ranUntilNow | checkpointAgo | minutes
        false       | null          | null
        false       | 4             | 6
        true        | 4             | 10
    }

    def "open runs are the running rows this store started, whatever other runners left"() {
        given:
        store.ensureTable(c)
        def other = new JdbcHistoryStore(new PostgresDialect(), new LogTables('public', '_migrationlog'), 'other-host (pid 2)', false)
        long mine = store.start(c, run)
        other.start(c, new NewRun('2', 'two', 'V2__two.groovy', RunKind.VERSIONED, 'sha256:02', true))
        store.succeed(c, store.start(c, new NewRun('3', 'three', 'V3__three.groovy', RunKind.VERSIONED, 'sha256:03', true)), null, 1)

        expect:
        store.openRuns(c)*.id() == [mine]
    }
}
