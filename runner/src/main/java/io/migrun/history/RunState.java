package io.migrun.history;

import java.util.Locale;

/** The state column of a log row. */
public enum RunState {
    RUNNING, SUCCEEDED, FAILED, PAUSED, CANCELLED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunState of(String dbValue) {
        return valueOf(dbValue.toUpperCase(Locale.ROOT));
    }
}
