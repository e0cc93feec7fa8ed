package io.migrun;

import java.util.List;

/**
 * The state of every migration known from the folder or the log, ordered by version.
 *
 * @param database       the masked URL of the database
 * @param currentVersion the newest applied version, or null
 * @param migrations     one entry per version
 * @param pendingCount   how many scripts wait to be run, counted as {@code validate} counts them: every
 *                       version and repeatable script {@code up} would run, held ones included
 */
public record StatusResult(String database, String currentVersion, List<MigrationInfo> migrations, long pendingCount) {

    public StatusResult {
        migrations = List.copyOf(migrations);
    }

    /**
     * Whether nothing is left to do or repair: every migration is applied (succeeded, baselined, or
     * its file deleted on purpose) and no applied script changed.
     */
    public boolean upToDate() {
        return migrations.stream().allMatch(m -> (m.state() == MigrationState.SUCCEEDED || m.state() == MigrationState.BASELINE
                || m.state() == MigrationState.DELETED) && !"changed".equals(m.checksum()));
    }
}
