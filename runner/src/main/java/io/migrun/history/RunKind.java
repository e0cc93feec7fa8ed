package io.migrun.history;

import java.util.Locale;

/** What a row of the log records. */
public enum RunKind {
    /** An attempt to apply a versioned migration. */
    VERSIONED,
    /** An operator's {@code migrun repair}, resolving a failed non-transactional attempt. */
    REPAIR;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunKind of(String dbValue) {
        return valueOf(dbValue.toUpperCase(Locale.ROOT));
    }
}
