package io.migrun;

/**
 * What {@link MigrunCommands#repair(MigrationVersion, RepairAction)} does for one version. Each
 * action resolves one situation that stops {@code migrate()} and is refused, with nothing written,
 * for a version in any other; each is recorded in the log as a {@code repair} run.
 */
public enum RepairAction {
    /** A failed run (rolled back or partly applied) becomes pending again; the next {@code migrate()} runs it. */
    RETRY,
    /** A failed run is recorded as applied without running: it was completed by hand. Needs its file. */
    MARK_APPLIED,
    /**
     * An applied migration's script, edited since it was applied, is accepted as it is now: its new
     * checksum is recorded (the old one beside it), so the edit is no longer drift. Runs nothing.
     */
    ACCEPT_CHECKSUM,
    /**
     * An applied migration whose file was deleted from the folder is recorded as deleted: it counts
     * as applied, is shown as {@link MigrationState#DELETED}, and is no longer drift. Runs nothing.
     */
    FORGET_MISSING
}
