package io.migrun.dsl;

import groovy.lang.Closure;
import groovy.sql.GroovyRowResult;
import groovy.sql.Sql;
import io.migrun.internal.json.Json;
import org.postgresql.util.PGobject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The {@code sql} scripts see: a {@link Sql} on the run's connection that binds parameters without
 * first asking the server for the statement's parameter metadata. Stock {@code Sql} does that for
 * every parameterised statement, only to log a warning, and with pgjdbc each ask is a round trip,
 * which doubles the cost of a {@code withBatch} loop.
 *
 * <p>On the run's connection it also keeps the run's transaction whole and its errors true:
 * statements and calls that would end the transaction migrun holds are refused (see
 * {@link TransactionGuard}), {@code withTransaction} nests as a savepoint inside it,
 * {@code firstRow} reports the statement's own error instead of retrying into "current transaction
 * is aborted", and the server's NOTICE and WARNING messages go to the run's log.
 */
public class MigrationSql extends Sql {

    private final Supplier<Connection> connection;
    private final Consumer<SQLWarning> notices;
    private final TransactionGuard.Script guard;
    /** Sends the statements of {@code execute} and {@code executeUpdate} (again after a lock timeout, as it decides), or null to send them once. */
    private final ScriptHelpers statements;

    /**
     * @param connection      the run's current connection; it may be replaced when a lost connection is re-opened
     * @param notices         receives the server's notices and warnings raised by each statement
     * @param beforeStatement told each statement's text before it is sent (null when the script reaches for the driver's connection)
     */
    public MigrationSql(Supplier<Connection> connection, Consumer<SQLWarning> notices, Consumer<String> beforeStatement) {
        this(connection, notices, beforeStatement, null);
    }

    /**
     * A run's {@code sql}: {@code helpers} is told each statement before it is sent and sends those of {@code execute}
     * and {@code executeUpdate}, which outside a transaction it may send again after a lock timeout
     * ({@link ScriptHelpers#retryingLocks}).
     */
    public MigrationSql(Supplier<Connection> connection, Consumer<SQLWarning> notices, ScriptHelpers helpers) {
        this(connection, notices, helpers::beforeStatement, helpers);
    }

    private MigrationSql(Supplier<Connection> connection, Consumer<SQLWarning> notices, Consumer<String> beforeStatement, ScriptHelpers statements) {
        super(connection.get());
        this.connection = connection;
        this.notices = notices;
        this.guard = new TransactionGuard.Script(beforeStatement);
        this.statements = statements;
    }

    /** A {@code Sql} on a pool: each call borrows a connection and returns it. */
    public MigrationSql(DataSource pool) {
        super(pool);
        this.connection = null;
        this.notices = w -> { };
        this.guard = null;
        this.statements = null;
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return send(sql, () -> super.execute(sql));
    }

    @Override
    public boolean execute(String sql, List<Object> params) throws SQLException {
        return send(sql, () -> super.execute(sql, params));
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return send(sql, () -> super.executeUpdate(sql));
    }

    @Override
    public int executeUpdate(String sql, List<Object> params) throws SQLException {
        return send(sql, () -> super.executeUpdate(sql, params));
    }

    private <T> T send(String sql, ScriptHelpers.Statement<T> statement) throws SQLException {
        return statements == null ? statement.run() : statements.retryingLocks(sql, statement);
    }

    @Override
    protected Connection createConnection() throws SQLException {
        return connection == null ? super.createConnection() : TransactionGuard.wrap(connection.get(), guard);
    }

    @Override
    public Connection getConnection() {
        return connection == null ? super.getConnection() : TransactionGuard.wrap(connection.get(), guard);
    }

    @Override
    public void commit() throws SQLException {
        if (connection != null) {
            TransactionGuard.refuseInTransaction(connection.get(), guard, "sql.commit()");
        }
        super.commit();
    }

    @Override
    public void rollback() throws SQLException {
        if (connection != null) {
            TransactionGuard.refuseInTransaction(connection.get(), guard, "sql.rollback()");
        }
        super.rollback();
    }

    /**
     * Inside the run's transaction the closure runs under a savepoint: released when it returns,
     * rolled back to (and the error passed on) when it throws. Outside one, as {@code Sql} does.
     */
    @Override
    @SuppressWarnings("rawtypes") // the signature of groovy.sql.Sql, which it overrides
    public void withTransaction(Closure closure) throws SQLException {
        Connection c = connection == null ? null : connection.get();
        if (c == null || c.getAutoCommit() || guard.ownsTransaction()) {
            super.withTransaction(closure);
            return;
        }
        Savepoint savepoint = c.setSavepoint();
        try {
            if (closure.getMaximumNumberOfParameters() == 1) {
                closure.call(getConnection());
            } else {
                closure.call();
            }
        } catch (Throwable t) {
            c.rollback(savepoint);
            if (t instanceof SQLException e) {
                throw e;
            }
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new SQLException(t);
        }
        c.releaseSavepoint(savepoint);
    }

    // Sql.firstRow retries with a plain rows() after any failure, which inside a transaction only
    // reports "current transaction is aborted" and hides the statement's own error.

    @Override
    public GroovyRowResult firstRow(String sql) throws SQLException {
        return first(rows(sql, 1, 1, null));
    }

    @Override
    public GroovyRowResult firstRow(String sql, List<Object> params) throws SQLException {
        return first(rows(sql, params, 1, 1, null));
    }

    @Override
    public GroovyRowResult firstRow(String sql, Object[] params) throws SQLException {
        return firstRow(sql, Arrays.asList(params));
    }

    @Override
    @SuppressWarnings("rawtypes") // the signature of groovy.sql.Sql, which it overrides
    public GroovyRowResult firstRow(Map params, String sql) throws SQLException {
        return firstRow(sql, Collections.singletonList(params));
    }

    private static GroovyRowResult first(List<GroovyRowResult> rows) {
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Override
    protected void closeResources(Connection c, Statement statement, ResultSet results) {
        drainNotices(statement);
        super.closeResources(c, statement, results);
    }

    @Override
    protected void closeResources(Connection c, Statement statement) {
        drainNotices(statement);
        super.closeResources(c, statement);
    }

    private void drainNotices(Statement statement) {
        if (statement != null) {
            ScriptLog.drain(statement, notices);
        }
    }

    /** json and jsonb columns arrive as Maps and Lists rather than PGobject text. */
    @Override
    @SuppressWarnings("rawtypes") // the signature of groovy.sql.Sql, which it overrides
    protected List<GroovyRowResult> asList(String sql, ResultSet rs, int offset, int maxRows, Closure metaClosure) throws SQLException {
        List<GroovyRowResult> rows = super.asList(sql, rs, offset, maxRows, metaClosure);
        for (int i = 0; i < rows.size(); i++) {
            GroovyRowResult row = rows.get(i);
            if (row.values().stream().anyMatch(v -> v instanceof PGobject)) {
                Map<String, Object> converted = new LinkedHashMap<>();
                row.forEach((k, v) -> converted.put(String.valueOf(k), Json.fromColumn(v)));
                rows.set(i, new GroovyRowResult(converted));
            }
        }
        return rows;
    }

    @Override
    protected void setParameters(List<Object> params, PreparedStatement statement) throws SQLException {
        if (params.size() == 1 && params.get(0) instanceof Map<?, ?> named && named.isEmpty()) {
            return;
        }
        int i = 1;
        for (Object value : params) {
            setObject(statement, i++, value);
        }
    }
}
