package io.migrun;

import java.util.List;

/**
 * What {@code down} undid.
 *
 * @param undone         the migrations whose {@code down} ran, newest first
 * @param currentVersion the newest version still applied afterwards, or null when none is
 * @param durationMs     how long the command took
 */
public record DownResult(List<AppliedMigration> undone, String currentVersion, long durationMs) {

    public DownResult {
        undone = List.copyOf(undone);
    }
}
