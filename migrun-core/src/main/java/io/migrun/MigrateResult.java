package io.migrun;

import java.util.List;

/**
 * What one {@code migrate()} did.
 *
 * @param applied        the migrations applied, in order
 * @param currentVersion the newest applied version afterwards, or null when none is applied
 * @param durationMs     the wall time of the whole call
 * @param stopped        why the run ended early at a checkpoint or an operator's hold, and how to go
 *                       on; null when it ran to the end
 */
public record MigrateResult(List<AppliedMigration> applied, String currentVersion, long durationMs, String stopped) {

    public MigrateResult {
        applied = List.copyOf(applied);
    }

    public boolean upToDate() {
        return applied.isEmpty() && stopped == null;
    }

    /** Rows the applied migrations left unchanged under {@code onError: 'skip'}. */
    public long skippedRows() {
        return applied.stream().mapToLong(AppliedMigration::skippedRows).sum();
    }
}
