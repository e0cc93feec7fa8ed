package io.migrun.internal.walk;

/**
 * Ends a migration's script when a resumable part of it stopped at its checkpoint: an operator's
 * pause or cancel, a signal, or a run limit ({@link WalkOutcome.Stopped}). An exception because the
 * script's own code is on the stack, having called {@code step}, {@code eachBatch} or
 * {@code backfill}, and must not go on. Not a failure: committed work stays, the run is recorded
 * as paused or cancelled, and {@code up} ends normally.
 */
public final class StopRun extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason { SIGNAL, PAUSE, CANCEL, LIMIT }

    private final Reason reason;

    StopRun(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
