package io.migrun.internal.history;

import java.util.Locale;

/** The state column of a log row. */
public enum RunState {
    RUNNING, SUCCEEDED, FAILED, PAUSED, CANCELLED,
    /** A versioned run that a later {@code down} undid; it no longer counts as applied. */
    REVERTED,
    /** A cleanup phase recorded when its migration was applied, waiting for {@code migrun cleanup}. */
    AWAITING;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunState of(String dbValue) {
        return valueOf(dbValue.toUpperCase(Locale.ROOT));
    }
}
