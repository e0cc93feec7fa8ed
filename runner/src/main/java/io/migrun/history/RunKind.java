package io.migrun.history;

import java.util.Locale;

/** What a row of the log records. */
public enum RunKind {
    /** An attempt to apply a versioned migration. */
    VERSIONED,
    /** An operator's {@code migrun repair} or {@code retry}, resolving a failed or cancelled attempt. */
    REPAIR,
    /** {@code up --retry-errors}: the rows a migration skipped under {@code onError: 'skip'}, driven again. */
    RETRY_ERRORS;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static RunKind of(String dbValue) {
        return valueOf(dbValue.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
