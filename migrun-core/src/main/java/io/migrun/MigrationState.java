package io.migrun;

import java.util.Locale;

/** Where one migration stands, as {@code status} reports it. */
public enum MigrationState {
    /** Not applied yet; the next {@code up} runs it. */
    PENDING,
    /** Applied successfully. */
    SUCCEEDED,
    /** The last attempt failed and was rolled back; the next {@code up} retries it. */
    FAILED,
    /** A non-transactional attempt failed and may have left changes; {@code repair} must resolve it. */
    PARTIAL,
    /** A runner is applying it now. */
    RUNNING,
    /**
     * Its log row says {@code running}, but its runner is gone (killed, or cut off from the database):
     * the next {@code up} records the run as interrupted, ending any statement it left running, and
     * runs it again (resuming a resumable one).
     */
    INTERRUPTED,
    /** A resumable migration stopped at a checkpoint; the next {@code up} resumes it unless an operator's pause holds it. */
    PAUSED,
    /** An operator cancelled it; committed work stays, and {@code up} waits for {@code migrun retry}. */
    CANCELLED,
    /** Recorded as applied, but its file is gone from the folder. */
    MISSING,
    /**
     * Applied, and its file deleted on purpose: an operator ran {@code migrun repair --forget-missing},
     * so it counts as applied and is not drift. Its file coming back makes it {@link #SUCCEEDED} again.
     */
    DELETED,
    /** At or below the version {@code migrun baseline} recorded: counts as applied without having run. */
    BASELINE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
