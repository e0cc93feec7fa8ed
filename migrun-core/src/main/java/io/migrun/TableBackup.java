package io.migrun;

import java.time.Instant;

/**
 * A backup table a migration took with {@code backup}, as {@link Migrun#backups()} lists it.
 * Immutable.
 *
 * @param table   the backup, {@code schema.name}
 * @param source  the table it copies
 * @param version the migration that took it
 * @param takenAt when it was taken
 * @param rows    its row count (the planner's estimate once analysed)
 * @param bytes   its size on disk, with indexes and TOAST
 */
public record TableBackup(String table, String source, String version, Instant takenAt, long rows, long bytes) {
}
