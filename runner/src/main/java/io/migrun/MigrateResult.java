package io.migrun;

import java.util.List;

/**
 * What one {@code migrate()} did.
 *
 * @param applied        the migrations applied, in order
 * @param currentVersion the newest applied version afterwards, or null when none is applied
 * @param durationMs     the wall time of the whole call
 */
public record MigrateResult(List<AppliedMigration> applied, String currentVersion, long durationMs) {

    public MigrateResult {
        applied = List.copyOf(applied);
    }

    public boolean upToDate() {
        return applied.isEmpty();
    }
}
