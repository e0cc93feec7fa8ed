package io.migrun;

import java.time.Instant;
import java.util.List;

/**
 * One line of {@code status}: a migration found in the folder, in the log, or both, or a repeatable
 * script of the folder (pending when it is new or changed since its last successful run).
 *
 * @param version     the version; null for a repeatable ({@code R__}) script, listed after the versions
 * @param description the description (from the file name, or the script's {@code description})
 * @param script      the file name relative to the migrations folder
 * @param state       where it stands
 * @param appliedAt   when the last attempt started, or null when never run
 * @param durationMs  how long it took: for a migration applied over several runs (resumed), the total of
 *                    every run's recorded duration; null when no run has finished
 * @param checksum    {@code ok}, {@code changed}, or null when there is nothing to compare
 * @param outOfOrder  true for a pending version older than the newest applied one
 * @param error       the error of a failed last attempt, or null
 * @param progress    the batched walks of a resumable migration, as far as they have come
 * @param request     an operator's standing {@code pause} or {@code cancel}, or null
 * @param commands    what an operator may run next for this migration
 * @param cleanup     where its cleanup phase stands ({@code awaiting}, {@code succeeded}, {@code failed}), or null without one
 * @param cleanupEligibleAt when an awaiting cleanup may run, or null
 * @param skippedRows rows its walks left unchanged under {@code onError: 'skip'} and not yet driven
 *                    through by {@code up --retry-errors}
 * @param lastDurationMs how long the last finished run took, or null
 * @param runs        how many runs of it the log has since it was last undone (0 when it never ran)
 */
public record MigrationInfo(String version, String description, String script, MigrationState state,
                            Instant appliedAt, Long durationMs, String checksum, boolean outOfOrder,
                            String error, List<MigrationProgress> progress, String request, List<String> commands,
                            String cleanup, Instant cleanupEligibleAt, long skippedRows, Long lastDurationMs, int runs) {

    public MigrationInfo {
        progress = progress == null ? List.of() : List.copyOf(progress);
        commands = commands == null ? List.of() : List.copyOf(commands);
    }
}
