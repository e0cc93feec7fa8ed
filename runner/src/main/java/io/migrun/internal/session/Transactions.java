package io.migrun.internal.session;

import io.migrun.MigrunException;
import io.migrun.helper.Connections;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Ending transactions on a connection that may already be broken, where a broken one has rolled back by itself. */
public final class Transactions {

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
}
