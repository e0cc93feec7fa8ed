package io.migrun.engine;

import java.sql.SQLException;

/** Failures worth retrying a batch for: serialization failures and deadlocks, which another try usually passes. */
final class Transient {

    private Transient() {
    }

    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().equals("40001") || s.getSQLState().equals("40P01"))) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState().equals("40P01") ? "deadlock detected" : "serialization failure";
            }
        }
        return String.valueOf(e.getMessage());
    }
}
