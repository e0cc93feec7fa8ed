package io.migrun;

import java.time.Duration;

/**
 * When a run should end early at a checkpoint, for cron-driven backfills: after so many batches or
 * so much time. Null fields mean no limit.
 *
 * @param maxBatches  batches to commit in this run, across all walks
 * @param maxDuration time this run may take before it stops at the next checkpoint
 */
public record RunLimits(Long maxBatches, Duration maxDuration) {

    public static final RunLimits NONE = new RunLimits(null, null);
}
