package io.migrun.internal.walk;

/**
 * Thrown between batches when a resumable migration must stop at its checkpoint: an operator's
 * pause or cancel, a signal, or a run limit. Not a failure: committed work stays, the run is
 * recorded as paused or cancelled, and {@code up} ends normally.
 */
public final class StopRun extends RuntimeException {

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
