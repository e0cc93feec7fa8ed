package io.migrun.internal.session;

import io.migrun.RunLimits;
import io.migrun.config.Durations;

/**
 * What one {@code up} shares between its migrations and the thread that may ask it to stop: the
 * stop flag, the run's limits, and how many batches it has committed so far.
 */
public final class RunControl {

    private final RunLimits limits;
    private final long startedNanos = System.nanoTime();
    private volatile boolean signalled;
    private long batches;

    public RunControl(RunLimits limits) {
        this.limits = limits;
    }

    void signal() {
        signalled = true;
    }

    public boolean signalled() {
        return signalled;
    }

    public void countBatch() {
        batches++;
    }

    /** Why the run must end at this checkpoint, or null to go on. */
    public String limitReached() {
        if (limits.maxBatches() != null && batches >= limits.maxBatches()) {
            return "after " + batches + " batch" + (batches == 1 ? "" : "es") + " (--max-batches)";
        }
        if (limits.maxDuration() != null && System.nanoTime() - startedNanos >= limits.maxDuration().toNanos()) {
            return "after " + Durations.describe(limits.maxDuration()) + " (--max-duration)";
        }
        return null;
    }
}
