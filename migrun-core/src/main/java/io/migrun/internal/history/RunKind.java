package io.migrun.internal.history;

import java.util.Locale;

/** What a row of the log records. */
public enum RunKind {
    /** An attempt to apply a versioned migration. */
    VERSIONED,
    /**
     * An operator's {@code migrun repair} or {@code retry}: resolving a failed or cancelled attempt, or accepting an
     * applied script's edit or its deleted file ({@link LogEntry#repairAction()} says which).
     */
    REPAIR,
    /** {@code up --retry-errors}: the rows a migration skipped under {@code onError: 'skip'}, driven again. */
    RETRY_ERRORS,
    /** {@code migrun down}: a migration's {@code down} block, after which the version is pending again. */
    DOWN,
    /** A migration's cleanup phase: {@code awaiting} from the moment it is applied, then the run of {@code migrun cleanup}. */
    CLEANUP,
    /** An {@code R__} script, run whenever its checksum changes. */
    REPEATABLE,
    /** {@code migrun baseline}: the version at and below which an existing database counts as migrated. */
    BASELINE,
    /** {@code migrun run}: an ad-hoc script with its arguments. */
    AD_HOC;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static RunKind of(String dbValue) {
        return valueOf(dbValue.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
