package io.migrun.internal.history;

import java.time.Instant;

/**
 * Where one step or one batched walk of a migration stands. Kept per (version, step, key range)
 * so that a walk can later be split into ranges worked on separately.
 *
 * @param cursor        JSON of the last committed key, or null for a step or before the first batch
 * @param total         rows expected, or null when unknown
 * @param totalEstimated true when {@code total} is the planner's estimate rather than a count
 */
public record Checkpoint(String version, String step, String keyRange, String kind, String state, String cursor,
                         long processed, long failed, long batches, Long total, boolean totalEstimated,
                         Double rowsPerSecond, Instant startedAt, Instant updatedAt, Instant finishedAt, String runner) {

    public boolean done() {
        return "done".equals(state);
    }
}
