package io.migrun.internal.session;

import io.migrun.MigrunException;
import io.migrun.helper.Connections;
import io.migrun.internal.dialect.Dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The transaction migrun opens for a run on the work connection, and whether the script ended it.
 * The transaction is marked just before the script's first statement (after any leading
 * {@code SET TRANSACTION}, which must come first): the mark names the transaction and is also kept
 * as a session setting, which a rollback undoes unless a commit came between. Before the run's log
 * row commits with the work, {@link #recordAsRunner} checks that the transaction is still the
 * marked one; after a failure, {@link #endedBeforeRollback} asks the setting. A script that the
 * guards let commit nothing (see the script's {@code sql}) never trips either check. One per
 * session; used from the run's thread.
 */
public final class RunTransaction {

    private static final Pattern CHARACTERISTICS = Pattern.compile("(?is)^(\\s|--[^\\n]*(\\n|$)|/\\*.*?\\*/)*set\\s+(transaction|session\\s+characteristics)\\b.*");

    private final Dialect dialect;
    private final Supplier<Connection> work;
    private boolean pending;
    private String mark;

    RunTransaction(Dialect dialect, Supplier<Connection> work) {
        this.dialect = dialect;
        this.work = work;
    }

    /** migrun has turned autocommit off for a run: the transaction is marked before the script's first statement. */
    public void opened() {
        pending = true;
        mark = null;
    }

    /** The run is over, or its transaction committed for good (a resumable migration's start). */
    public void closed() {
        pending = false;
        mark = null;
    }

    /**
     * Called before each statement the script sends ({@code sql} null when the script reaches for
     * the driver's own connection): takes the mark unless the statement sets the transaction's
     * characteristics, which PostgreSQL accepts only before anything else.
     */
    void beforeStatement(String sql) {
        if (!pending || sql != null && CHARACTERISTICS.matcher(sql).matches()) {
            return;
        }
        pending = false;
        try (Statement s = work.get().createStatement(); ResultSet rs = s.executeQuery(dialect.openTransactionSql())) {
            rs.next();
            mark = rs.getString(1);
        } catch (SQLException e) {
            throw new MigrunException("Cannot mark the run's transaction before the script's statement: " + e.getMessage(), e);
        }
    }

    /** After a reset inside the transaction (a dry run between migrations): the setting the mark keeps, again. */
    String remarkSql() {
        return mark == null ? null : dialect.remarkTransactionSql(mark);
    }

    /**
     * Makes migrun's own writes that follow act as the connecting user whatever role the script
     * set (inside a transaction for that transaction only, otherwise for the session, which the
     * next script starts afresh anyway). When the transaction was marked, checks in the same
     * round trip that it is still that one, and throws {@link TransactionEnded} when the script
     * ended it.
     */
    public void recordAsRunner() {
        Connection c = work.get();
        try (Statement s = c.createStatement()) {
            if (c.getAutoCommit() && !Connections.idle(c)) {
                throw new MigrunException("the script left a transaction open (a BEGIN without COMMIT or ROLLBACK). End it in the script, "
                        + "or remove `transaction false` and let migrun run the script in a transaction of its own");
            }
            if (mark == null || c.getAutoCommit()) {
                s.execute(dialect.connectingUserSql(!c.getAutoCommit()));
                return;
            }
            s.execute(dialect.connectingUserSql(true) + "; " + dialect.transactionIdentitySql());
            while (!s.getMoreResults() && s.getUpdateCount() != -1) {
                // past the SET statements to the identity's row
            }
            try (ResultSet rs = s.getResultSet()) {
                if (rs == null || !rs.next() || !mark.equals(rs.getString(1))) {
                    throw new TransactionEnded();
                }
            }
        } catch (SQLException e) {
            throw new MigrunException("Cannot return to the connecting user to record the run (" + e.getMessage()
                    + "); the run's own transaction or connection failed", e);
        }
    }

    /**
     * After {@code failure} inside the run's transaction: rolls the work connection back, and says
     * whether the script had ended the transaction before, so that part of its work is committed.
     */
    public boolean rollBack(Throwable failure) {
        Transactions.rollbackQuietly(work.get());
        return failure instanceof TransactionEnded || endedBeforeRollback();
    }

    /**
     * After a failure, once the work connection has rolled back: whether a commit had come
     * between the mark and the rollback, so that part of the script's work is in place. False
     * when the transaction was never marked (the script sent no statement) or the connection is
     * gone (its transaction went with it).
     */
    boolean endedBeforeRollback() {
        if (mark == null) {
            return false;
        }
        try (Statement s = work.get().createStatement(); ResultSet rs = s.executeQuery(dialect.openTransactionMarkSql())) {
            return rs.next() && mark.equals(rs.getString(1));
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
