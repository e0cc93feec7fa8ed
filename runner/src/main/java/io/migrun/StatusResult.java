package io.migrun;

import java.util.List;

/**
 * The state of every migration known from the folder or the log, ordered by version.
 *
 * @param database       the masked URL of the database
 * @param currentVersion the newest applied version, or null
 * @param migrations     one entry per version
 */
public record StatusResult(String database, String currentVersion, List<MigrationInfo> migrations) {

    public StatusResult {
        migrations = List.copyOf(migrations);
    }

    public long pendingCount() {
        return migrations.stream().filter(m -> m.state() == MigrationState.PENDING || m.state() == MigrationState.FAILED).count();
    }
}
