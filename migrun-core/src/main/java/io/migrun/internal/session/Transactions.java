package io.migrun.internal.session;

import io.migrun.MigrunException;
import io.migrun.helper.Connections;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The transactions of a command's work connection: one that commits (an operator's bookkeeping),
 * one that is always rolled back (dry runs and verify), and ending them on a connection that may
 * already be broken, where a broken one has rolled back by itself.
 */
public final class Transactions {

    /** Work that may throw {@code E}. */
    @FunctionalInterface
    public interface Body<T, E extends Exception> {
        T run() throws E;
    }

    private Transactions() {
    }

    /**
     * Rolls back an open transaction, also one a script left open with BEGIN while the connection
     * is in autocommit; does nothing on a lost connection.
     */
    public static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            } else if (!Connections.idle(c)) {
                try (Statement s = c.createStatement()) {
                    s.execute("ROLLBACK");
                }
            }
        } catch (SQLException ignored) {
            // a lost connection rolls back by itself
        }
    }

    /** Back to autocommit; a lost connection reports itself on its next use. */
    public static void autoCommitQuietly(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is gone; the next statement on it says so
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public static void inTransaction(Connection c, Runnable work) {
        try {
            c.setAutoCommit(false);
            work.run();
            c.commit();
        } catch (SQLException e) {
            rollbackQuietly(c);
            throw new MigrunException("Cannot commit: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            autoCommitQuietly(c);
        }
    }

    /**
     * Runs {@code body} in one transaction on the session's work connection that is always rolled
     * back, and returns the connection to autocommit. A read-only one (verify) cannot change
     * anything; otherwise (a dry run) it is marked as a run's transaction, so that a script that
     * ends it is told apart (see {@link RunTransaction}).
     */
    public static <T, E extends Exception> T rolledBack(Session session, boolean readOnly, Body<T, E> body) throws E, SQLException {
        Connection c = session.work();
        try {
            c.setAutoCommit(false);
            if (readOnly) {
                c.setReadOnly(true);
            } else {
                session.transaction().opened();
            }
            return body.run();
        } finally {
            if (!readOnly) {
                session.transaction().closed();
            }
            rollbackQuietly(c);
            if (readOnly) {
                readWriteQuietly(c);
            }
            autoCommitQuietly(c);
        }
    }

    /** Back to read-write after a read-only transaction; a lost connection reports itself on its next use. */
    static void readWriteQuietly(Connection c) {
        try {
            c.setReadOnly(false);
        } catch (SQLException ignored) {
            // the next statement on a lost connection says so
        }
    }
}
