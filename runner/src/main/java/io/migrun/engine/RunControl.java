package io.migrun.engine;

import io.migrun.RunLimits;

/**
 * What one {@code up} shares between its migrations and the thread that may ask it to stop: the
 * stop flag, the run's limits, and how many batches it has committed so far.
 */
final class RunControl {

    private final RunLimits limits;
    private final long startedNanos = System.nanoTime();
    private volatile boolean signalled;
    private long batches;

    RunControl(RunLimits limits) {
        this.limits = limits;
    }

    void signal() {
        signalled = true;
    }

    boolean signalled() {
        return signalled;
    }

    void countBatch() {
        batches++;
    }

    /** Why the run must end at this checkpoint, or null to go on. */
    String limitReached() {
        if (limits.maxBatches() != null && batches >= limits.maxBatches()) {
            return "after " + batches + " batch" + (batches == 1 ? "" : "es") + " (--max-batches)";
        }
        if (limits.maxDuration() != null && System.nanoTime() - startedNanos >= limits.maxDuration().toNanos()) {
            return "after " + limits.maxDuration().toSeconds() + " s (--max-duration)";
        }
        return null;
    }
}
