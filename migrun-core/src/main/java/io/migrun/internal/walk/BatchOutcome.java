package io.migrun.internal.walk;

import io.migrun.helper.Cursor;

/**
 * How one batch of a walk ({@link WalkBatches#run}) came out, after any retries. A batch that
 * failed for good throws instead; the walk turns that into {@link WalkOutcome.Failed}.
 */
sealed interface BatchOutcome permits BatchOutcome.Committed, BatchOutcome.Rewound, BatchOutcome.End, WalkOutcome.Stopped {

    /** The batch committed with its checkpoint at {@code cursor} (or its write is committing in the background). */
    record Committed(Cursor cursor, long processed, long failed) implements BatchOutcome {
    }

    /**
     * A batch write sent in the background failed: the walk goes back to the last checkpoint that
     * committed, at {@code cursor}, whose counts over every run are {@code processed} and {@code failed}.
     */
    record Rewound(Cursor cursor, long processed, long failed) implements BatchOutcome {
    }

    /** No rows were left after the cursor: the walk is through. */
    record End() implements BatchOutcome {
    }
}
