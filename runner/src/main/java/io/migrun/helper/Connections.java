package io.migrun.helper;

import java.sql.Connection;
import java.sql.SQLException;

/** Transaction state of pgjdbc connections, for work that must not open a transaction of its own. */
public final class Connections {

    private Connections() {
    }

    /** True when no statement has run since the last commit or rollback: switching to autocommit then costs no round trip. */
    public static boolean idle(Connection c) throws SQLException {
        return c.unwrap(org.postgresql.core.BaseConnection.class).getTransactionState() == org.postgresql.core.TransactionState.IDLE;
    }

    /**
     * True when {@code c}'s open transaction has written nothing and holds no lock on any table:
     * work on another connection can then neither wait for it nor miss anything it did.
     */
    public static boolean untouched(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(
                "SELECT txid_current_if_assigned() IS NULL AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_locks WHERE pid = pg_catalog.pg_backend_pid() "
                        + "AND locktype = 'relation' AND relation <> 'pg_catalog.pg_locks'::regclass)")) {
            rs.next();
            return rs.getBoolean(1);
        }
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
