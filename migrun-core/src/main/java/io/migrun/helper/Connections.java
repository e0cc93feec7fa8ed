package io.migrun.helper;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import java.sql.Connection;
import java.sql.SQLException;

/** Transaction state of pgjdbc connections, for work that must not open a transaction of its own. */
public final class Connections {

    private Connections() {
    }

    /** True when no statement has run since the last commit or rollback: switching to autocommit then costs no round trip. */
    public static boolean idle(Connection c) throws SQLException {
        return c.unwrap(BaseConnection.class).getTransactionState() == TransactionState.IDLE;
    }

    /** True when a statement failed the open transaction, which then refuses every statement until it is rolled back. */
    public static boolean failed(Connection c) throws SQLException {
        return c.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED;
    }

    /** Work that runs a statement or two on {@code c}. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in autocommit when {@code c} is in manual commit with no transaction open,
     * so that a read does not start the transaction; otherwise inside the open one.
     */
    public static <T> T outsideTransaction(Connection c, Work<T> work) throws SQLException {
        boolean lend = !c.getAutoCommit() && idle(c);
        if (!lend) {
            return work.run(c);
        }
        c.setAutoCommit(true);
        try {
            return work.run(c);
        } finally {
            c.setAutoCommit(false);
        }
    }
}
