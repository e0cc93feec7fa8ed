package io.migrun.internal.walk;

import io.migrun.internal.session.Failures;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Failures worth retrying a batch for: serialization failures, deadlocks and lock timeouts (the lock guard's
 * {@code lock_timeout}, 55P03), which another try usually passes.
 */
public final class Transient {

    private Transient() {
    }

    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().equals("40001") || s.getSQLState().equals("40P01") || s.getSQLState().equals("55P03"))) {
                return true;
            }
        }
        return false;
    }

    /** The connection is gone: a connection-class error, a terminated session, or a connection that no longer answers. */
    static boolean lostConnection(Throwable e, Connection c) {
        if (Failures.connectionLost(e)) {
            return true;
        }
        try {
            return c.isClosed() || !c.isValid(5);
        } catch (SQLException x) {
            return true;
        }
    }

    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.equals("40P01")) {
                    return "deadlock detected";
                }
                if (state.equals("40001")) {
                    return "serialization failure";
                }
                if (state.equals("55P03")) {
                    return "timed out waiting for a lock";
                }
                return firstLine(s.getMessage());
            }
        }
        return firstLine(String.valueOf(e.getMessage()));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
