package io.migrun.internal.dialect

import io.migrun.internal.json.Json
import spock.lang.Specification

import java.sql.Connection
import java.sql.PreparedStatement
import java.sql.ResultSet
import java.sql.SQLException
import java.sql.Timestamp
import java.time.Duration
import java.time.Instant
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit

/**
 * What every {@link Dialect} must do, method by method, against a real database of its kind. A
 * dialect's spec extends this and says how to reach an empty database; every feature then runs
 * there. Statements the features send themselves are plain SQL, except the few the database's
 * own hooks below give.
 */
abstract class DialectContract extends Specification {

    /** The dialect under test. */
    abstract Dialect dialect()

    /** A new connection in autocommit to this feature's own empty database, as a user that may take on {@link #otherRole}. */
    abstract Connection connect()

    /** A role the connections may SET ROLE to, other than the user they connect as. */
    abstract String otherRole()

    /** A statement with one int parameter that runs for that many seconds. */
    abstract String sleepSql()

    /** Makes the planner count the rows of {@code table}. */
    abstract void analyze(Connection c, String table)

    private final List<Connection> opened = []

    Connection c

    def setup() {
        c = open()
    }

    def cleanup() {
        opened.each {
            try {
                it.close()
            } catch (SQLException ignored) {
                // a session a feature ended
            }
        }
    }

    def "createLogTable makes the log table with its layout comment, and making it again changes nothing"() {
        when:
        2.times { dialect().createLogTable('public', 'contract_log', 2).each { exec(c, it) } }
        exec(c, LOG_ROW)

        then:
        value(c, dialect().tableCommentSql(), 'public.contract_log') == 'migrun log layout 2'
        rows(c, 'SELECT id, version, description, script, kind, checksum, state, transactional, args, result, error, finished_at, duration_ms, run_by '
                + 'FROM public.contract_log') == [[1L, '1', 'one', 'V1__one.sql', 'versioned', 'sha256:00', 'succeeded', true, null, null, null, null, null, 'me']]
        value(c, 'SELECT count(*) FROM public.contract_log WHERE started_at IS NOT NULL') == 1L
    }

    def "the log table takes one succeeded versioned run per version"() {
        given:
        dialect().createLogTable('public', 'contract_log', 2).each { exec(c, it) }
        exec(c, LOG_ROW)

        when:
        exec(c, LOG_ROW)

        then:
        SQLException e = thrown()
        e.SQLState == '23505'
    }

    def "createProgressTables makes the checkpoint, row-error and request tables, and making them again changes nothing"() {
        when:
        2.times { dialect().createProgressTables('public.c_checkpoints', 'public.c_errors', 'public.c_control').each { exec(c, it) } }
        exec(c, "INSERT INTO public.c_checkpoints (version, step, kind, state) VALUES ('1', 'backfill t', 'batches', 'running')")
        exec(c, "INSERT INTO public.c_errors (version, step, row_key, error) VALUES ('1', 'backfill t', '{\"id\": 1}', 'boom')")
        exec(c, "INSERT INTO public.c_control (version, request, requested_by) VALUES ('1', 'pause', 'me')")

        then:
        rows(c, 'SELECT version, step, key_range, kind, state, processed, failed, batches, total, total_estimated, finished_at, runner FROM public.c_checkpoints') ==
                [['1', 'backfill t', '', 'batches', 'running', 0L, 0L, 0L, null, false, null, null]]
        rows(c, 'SELECT id, version, step, CAST(row_key AS text), error, resolved_at FROM public.c_errors') == [[1L, '1', 'backfill t', '{"id": 1}', 'boom', null]]
        rows(c, 'SELECT version, request, requested_by FROM public.c_control') == [['1', 'pause', 'me']]
    }

    def "tableCommentSql reads a table's comment, empty without one, and no row for a table that is not there"() {
        given:
        exec(c, 'CREATE TABLE plain (id int)')
        exec(c, 'CREATE TABLE marked (id int)')
        exec(c, dialect().layoutCommentSql('public.marked', 7))

        expect:
        rows(c, dialect().tableCommentSql(), table) == expected

        where:
        table            || expected
        'public.marked'  || [['migrun log layout 7']]
        'public.plain'   || [['']]
        'public.missing' || []
    }

    def "layoutComment is the text that marks a log table of a layout"() {
        expect:
        dialect().layoutComment(layout) == text

        where:
        layout || text
        1      || 'migrun log layout 1'
        2      || 'migrun log layout 2'
    }

    def "invalidIndexesSql finds the invalid index a failed concurrent build left, by name, and dropIndexConcurrentlySql drops it"() {
        given:
        exec(c, 'CREATE TABLE dup (code text); INSERT INTO dup VALUES (\'a\'), (\'a\'); CREATE INDEX fine ON dup (code)')
        try {
            exec(c, 'CREATE UNIQUE INDEX CONCURRENTLY "Dup""code" ON dup (code)')
        } catch (SQLException ignored) {
            // the duplicate leaves the index behind, invalid
        }

        expect:
        rows(c, dialect().invalidIndexesSql(), '^Dup"code$').collect { it.drop(1) } == [['public', 'Dup"code']]
        rows(c, dialect().invalidIndexesSql(), 'fine').isEmpty()

        when:
        exec(c, dialect().dropIndexConcurrentlySql('public', 'Dup"code'))
        exec(c, dialect().dropIndexConcurrentlySql('public', 'Dup"code'))

        then:
        rows(c, dialect().invalidIndexesSql(), '.*').isEmpty()
        value(c, "SELECT count(*) FROM pg_class WHERE relname = 'fine'") == 1
    }

    def "tableExistsSql tells whether a table exists, named with or without its schema"() {
        given:
        exec(c, 'CREATE TABLE present (id int)')

        expect:
        value(c, dialect().tableExistsSql(), table) == exists

        where:
        table            || exists
        'public.present' || true
        'present'        || true
        'public.absent'  || false
        'absent'         || false
    }

    def "currentSchemaSql names the schema new tables go to, as search_path says; createSchemaSql makes a schema once"() {
        when:
        2.times { exec(c, dialect().createSchemaSql('extra')) }
        def before = value(c, dialect().currentSchemaSql())
        setting(c, 'search_path', 'extra')
        def after = value(c, dialect().currentSchemaSql())
        exec(c, 'CREATE TABLE t (id int)')

        then:
        before == 'public'
        after == 'extra'
        value(c, dialect().tableExistsSql(), 'extra.t') == true
    }

    def "serverNowSql reads the database server's clock"() {
        when:
        Instant server = (value(c, dialect().serverNowSql()) as Timestamp).toInstant()

        then:
        Duration.between(server, Instant.now()).abs() < Duration.ofMinutes(1)
    }

    def "tryLockSql takes a lock one session holds at a time, kept through a rollback, and unlockSql releases it"() {
        given:
        Connection other = open()

        when:
        def taken = value(c, dialect().tryLockSql(), 42, 7)
        def refused = value(other, dialect().tryLockSql(), 42, 7)
        def otherKey = value(other, dialect().tryLockSql(), 42, 8)
        c.autoCommit = false
        def inTransaction = value(c, dialect().tryLockSql(), 42, 9)
        c.rollback()
        c.autoCommit = true
        def afterRollback = value(other, dialect().tryLockSql(), 42, 9)
        def released = value(c, dialect().unlockSql(), 42, 7)
        def retaken = value(other, dialect().tryLockSql(), 42, 7)

        then:
        [taken, refused, otherKey, inTransaction, afterRollback, released, retaken] == [true, false, true, true, false, true, true]
    }

    def "lockHolderSql names the session that holds a lock: pid, name, client and since when; no row when none holds it"() {
        given:
        Connection other = open()
        applicationName(c, 'holder of 7')
        value(c, dialect().tryLockSql(), 42, 7)

        when:
        def held = rows(other, dialect().lockHolderSql(), 42, 7)
        def free = rows(other, dialect().lockHolderSql(), 42, 8)

        then:
        held.size() == 1
        held[0][0] == pid(c)
        held[0][1] == 'holder of 7'
        held[0][2] in ['127.0.0.1', '::1', 'localhost', 'local socket']
        held[0][3] instanceof Timestamp
        held[0][4] instanceof Timestamp
        free == []
    }

    def "backendIdSql names this session: the same for each of its statements, another for another session"() {
        given:
        Connection other = open()

        expect:
        pid(c) instanceof Integer
        pid(c) == pid(c)
        pid(c) != pid(other)
    }

    def "runnerSessionsSql lists the other sessions of one application name, oldest first, and which hold a lock of the namespace"() {
        given:
        Connection holder = open()
        Connection worker = open()
        Connection stranger = open()
        [holder, worker, c].each { applicationName(it, 'migrun pid=1 host=contract') }
        applicationName(stranger, 'someone else')
        value(holder, dialect().tryLockSql(), 42, 7)
        exec(holder, "SELECT 'holder was here'")
        exec(worker, "SELECT 'worker was here'")

        when:
        def found = rows(c, dialect().runnerSessionsSql(), 42, 'migrun pid=1 host=contract')

        then:
        found.collect { it[0] } == [pid(holder), pid(worker)]
        found.collect { it[1] } == ['idle', 'idle']
        found.collect { it[2].class } == [Timestamp, Timestamp]
        found.collect { it[3] } == [null, null]
        found.collect { it[4].class } == [Timestamp, Timestamp]
        found.collect { it[6] } == ["SELECT 'holder was here'", "SELECT 'worker was here'"]
        found.collect { it[7].class } == [Timestamp, Timestamp]
        found.collect { it[8] } == [true, false]
        rows(c, dialect().runnerSessionsSql(), 43, 'migrun pid=1 host=contract').collect { it[8] } == [false, false]
    }

    def "cancelSql cancels the statement another session runs, which fails, and that session goes on"() {
        given:
        Connection runner = open()
        applicationName(runner, 'sleeper')
        int runnerPid = pid(runner)
        def outcome = new CompletableFuture<Throwable>()
        Thread.start {
            try {
                value(runner, sleepSql(), 30)
                outcome.complete(null)
            } catch (Throwable t) {
                outcome.complete(t)
            }
        }
        eventually { rows(c, dialect().runnerSessionsSql(), 42, 'sleeper').collect { it[1] } == ['active'] }

        when:
        def signalled = value(c, dialect().cancelSql(), runnerPid)
        Throwable failure = outcome.get(10, TimeUnit.SECONDS)

        then:
        signalled == true
        failure instanceof SQLException
        value(runner, 'SELECT 1') == 1
    }

    def "transactionWroteSql tells whether the transaction has written anything yet"() {
        given:
        exec(c, 'CREATE TABLE t (id int)')
        c.autoCommit = false

        when:
        statements.each { exec(c, it) }

        then:
        value(c, dialect().transactionWroteSql()) == wrote

        cleanup:
        c.rollback()

        where:
        statements                                  || wrote
        []                                          || false
        ['SELECT count(*) FROM t']                  || false
        ['INSERT INTO t VALUES (1)']                || true
        ['SELECT 1', 'INSERT INTO t VALUES (2)']    || true
        ['CREATE TABLE u (id int)']                 || true
    }

    def "estimatedRowsSql reads the planner's row count: none for a table never analysed, the count once it is"() {
        given:
        exec(c, 'CREATE TABLE t (id int)')
        exec(c, 'INSERT INTO t VALUES (1), (2), (3)')

        when:
        def before = value(c, dialect().estimatedRowsSql(), 't')
        analyze(c, 't')
        def after = value(c, dialect().estimatedRowsSql(), 'public.t')

        then:
        before == null
        after == 3L
    }

    def "explainSql gives the planner's plan of a query as JSON, with its row estimate under Plan Rows"() {
        given:
        exec(c, 'CREATE TABLE t (id int)')
        exec(c, 'INSERT INTO t VALUES (1), (2), (3)')
        analyze(c, 't')

        when:
        def plan = Json.parse(value(c, dialect().explainSql('SELECT * FROM t')).toString())

        then:
        plan[0]['Plan']['Plan Rows'] == 3
    }

    def "transactionTableStatsSql counts the rows the transaction inserted, updated and deleted, per table"() {
        given:
        exec(c, 'CREATE TABLE t (id int)')
        exec(c, 'CREATE TABLE u (id int)')
        c.autoCommit = false

        when:
        exec(c, 'INSERT INTO t VALUES (1), (2), (3)')
        exec(c, 'UPDATE t SET id = 4 WHERE id = 1')
        exec(c, 'DELETE FROM t WHERE id = 2')
        exec(c, 'INSERT INTO u VALUES (1)')

        then:
        rows(c, dialect().transactionTableStatsSql()) == [['public.t', 3L, 1L, 1L], ['public.u', 1L, 0L, 0L]]

        cleanup:
        c.rollback()
    }

    def "resetSessionSql puts a session back as it connected, sent with another statement, in autocommit or in a transaction"() {
        given:
        String me = value(c, 'SELECT current_user')
        c.autoCommit = autoCommit
        setting(c, 'application_name', 'changed')
        exec(c, 'SET ROLE ' + otherRole())
        exec(c, 'CREATE TEMPORARY TABLE scratch (id int)')
        value(c, dialect().tryLockSql(), 42, 7)

        when:
        exec(c, dialect().resetSessionSql() + '; SELECT 1')

        then:
        rows(c, dialect().sessionSettingsSql()) == []
        value(c, 'SELECT current_user') == me
        value(c, dialect().tableExistsSql(), 'scratch') == false
        value(open(), dialect().tryLockSql(), 42, 7) == true

        cleanup:
        if (!autoCommit) {
            c.rollback()
        }

        where:
        autoCommit << [true, false]
    }

    def "connectingUserSql makes the session act as the user it connected as: for the transaction only, or for the session"() {
        given:
        String me = value(c, 'SELECT current_user')
        exec(c, 'SET ROLE ' + otherRole())
        c.autoCommit = !inTransaction

        when:
        exec(c, dialect().connectingUserSql(inTransaction))
        def during = value(c, 'SELECT current_user')
        c.autoCommit = true
        def after = value(c, 'SELECT current_user')

        then:
        during == me
        after == (inTransaction ? otherRole() : me)

        where:
        inTransaction << [true, false]
    }

    def "transactionIdentitySql tells transactions apart: one value all through a transaction, another for the next and for other sessions"() {
        given:
        Connection other = open()
        c.autoCommit = false
        other.autoCommit = false

        when:
        def first = value(c, dialect().transactionIdentitySql())
        exec(c, 'SELECT 1')
        def again = value(c, dialect().transactionIdentitySql())
        def elsewhere = value(other, dialect().transactionIdentitySql())
        c.commit()
        def next = value(c, dialect().transactionIdentitySql())

        then:
        first instanceof String
        first == again
        first != elsewhere
        first != next

        cleanup:
        c.rollback()
        other.rollback()
    }

    def "openTransactionSql marks the transaction with its identity, kept as a session setting that a rollback undoes and a commit keeps"() {
        given:
        def unmarked = value(c, dialect().openTransactionMarkSql())
        c.autoCommit = false

        when:
        def mark = value(c, dialect().openTransactionSql())
        def identity = value(c, dialect().transactionIdentitySql())
        def kept = value(c, dialect().openTransactionMarkSql())
        commit ? c.commit() : c.rollback()
        def after = value(c, dialect().openTransactionMarkSql())

        then:
        unmarked in [null, '']
        mark == identity
        kept == mark
        (after ?: null) == (commit ? mark : null)

        cleanup:
        c.rollback()

        where:
        commit << [true, false]
    }

    def "remarkTransactionSql sets the transaction's mark again after a reset inside the transaction"() {
        given:
        c.autoCommit = false
        def mark = value(c, dialect().openTransactionSql())
        exec(c, dialect().resetSessionSql())
        def reset = value(c, dialect().openTransactionMarkSql())

        when:
        exec(c, dialect().remarkTransactionSql(mark))

        then:
        reset in [null, '']
        value(c, dialect().openTransactionMarkSql()) == mark

        cleanup:
        c.rollback()
    }

    def "remarkTransactionSql refuses text that is not a mark, since it writes the mark inline"() {
        when:
        dialect().remarkTransactionSql("1'; DROP TABLE t; --")

        then:
        IllegalArgumentException e = thrown()
        e.message.contains("1'; DROP TABLE t; --")
    }

    def "sessionSettingsSql lists the settings the session made with SET, and setSessionSettingSql makes one from parameters"() {
        given:
        def before = settings(c)

        when:
        setting(c, name, value)

        then:
        before[name] != shown
        settings(c) == before + [(name): shown]

        where:
        name                | value      || shown
        'application_name'  | 'spec app' || 'spec app'
        'statement_timeout' | '5s'       || '5000'
        'search_path'       | 'public'   || 'public'
    }

    def "sessionSettingsSql leaves out the characteristics of the transaction, which the next transaction sets afresh"() {
        given:
        def before = settings(c)
        c.autoCommit = false
        exec(c, 'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE')
        exec(c, 'SET TRANSACTION READ ONLY')

        expect:
        settings(c) == before

        cleanup:
        c.rollback()
    }

    def "setSessionSettingSql writes a setting inline where its text can be quoted safely, and declines (null) where not"() {
        given:
        def before = settings(c)

        when:
        String sql = dialect().setSessionSettingSql(name, value)
        if (sql != null) {
            exec(c, sql)
        }

        then:
        (sql != null) == inline
        settings(c) == (inline ? before + [(name): value] : before)

        where:
        name               | value                      || inline
        'application_name' | 'plain'                    || true
        'application_name' | "it's \"quoted\"; -- ok"   || true
        'application_name' | 'ends in $'                || false
        'application_name' | 'has $migrun_setting$ in'  || false
    }

    def "terminateSql ends another session, which sessionExistsSql then no longer finds and which cannot go on"() {
        given:
        Connection victim = open()
        int id = pid(victim)

        when:
        def there = value(c, dialect().sessionExistsSql(), id)
        def mine = value(c, dialect().sessionExistsSql(), pid(c))
        def signalled = value(c, dialect().terminateSql(), id)

        then:
        [there, mine, signalled] == [true, true, true]
        eventually { value(c, dialect().sessionExistsSql(), id) == false }

        when:
        value(victim, 'SELECT 1')

        then:
        thrown(SQLException)
    }

    def "sessionExistsSql finds no session for an id none has"() {
        expect:
        value(c, dialect().sessionExistsSql(), Integer.MAX_VALUE) == false
    }

    static final String LOG_ROW = "INSERT INTO public.contract_log (version, description, script, kind, checksum, state, transactional, run_by) " +
            "VALUES ('1', 'one', 'V1__one.sql', 'versioned', 'sha256:00', 'succeeded', true, 'me')"

    Connection open() {
        Connection x = connect()
        opened << x
        x
    }

    static void exec(Connection c, String sql) {
        c.createStatement().withCloseable { it.execute(sql) }
    }

    static List<List<Object>> rows(Connection c, String sql, Object... params) {
        PreparedStatement ps = c.prepareStatement(sql)
        try {
            params.eachWithIndex { p, i -> ps.setObject(i + 1, p) }
            ResultSet rs = ps.executeQuery()
            int n = rs.metaData.columnCount
            List<List<Object>> out = []
            while (rs.next()) {
                out << (1..n).collect { rs.getObject(it) }
            }
            out
        } finally {
            ps.close()
        }
    }

    static Object value(Connection c, String sql, Object... params) {
        rows(c, sql, params)[0][0]
    }

    int pid(Connection x) {
        value(x, dialect().backendIdSql()) as int
    }

    void applicationName(Connection x, String name) {
        value(x, dialect().setApplicationNameSql(), name)
    }

    /** The session's settings made with SET, by name. */
    Map<String, String> settings(Connection x) {
        rows(x, dialect().sessionSettingsSql()).collectEntries { [(it[0]): it[1]] }
    }

    void setting(Connection x, String name, String value) {
        PreparedStatement ps = x.prepareStatement(dialect().setSessionSettingSql())
        try {
            ps.setString(1, name)
            ps.setString(2, value)
            ps.execute()
        } finally {
            ps.close()
        }
    }

    /** Polls {@code condition} until it holds, for up to ten seconds. */
    static boolean eventually(Closure<Boolean> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10)
        while (!condition()) {
            if (System.nanoTime() > deadline) {
                return false
            }
            Thread.sleep(20)
        }
        true
    }
}
