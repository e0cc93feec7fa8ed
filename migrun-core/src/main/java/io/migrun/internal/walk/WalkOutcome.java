package io.migrun.internal.walk;

/**
 * How one walk ({@link Walk#run}) ended. The walk returns it rather than throwing: it is
 * {@link ResumableRun}, at the edge to the script that called {@code eachBatch} or
 * {@code backfill}, that turns a stop or a failure into the exception that ends the script.
 */
sealed interface WalkOutcome permits WalkOutcome.Completed, WalkOutcome.Stopped, WalkOutcome.Failed {

    /** Every row was walked and the walk's checkpoint is done; {@code skippedRows} of them, over every run, were left unchanged under onError 'skip'. */
    record Completed(long skippedRows) implements WalkOutcome {
    }

    /**
     * The walk, a step or a part of a batch stopped at its last checkpoint: a signal, an
     * operator's pause or cancel, or a run limit. Not a failure: committed work stays.
     *
     * @param message where it stopped and how to go on, e.g. "V3 paused at id=5000 (stopped by a signal); run migrun up to resume."
     */
    record Stopped(StopRun.Reason reason, String message) implements WalkOutcome, BatchOutcome {
        /** The exception that ends the script, which must not go on after its walk stopped. */
        StopRun exception() {
            return new StopRun(reason, message);
        }
    }

    /**
     * The walk failed: a batch for good (its own error, or a transient one past the last attempt),
     * or reading or recording where it is. The failing batch was rolled back; what committed stays.
     */
    record Failed(RuntimeException error) implements WalkOutcome {
    }
}
