package io.migrun;

/**
 * How far a batched walk of a running migration has come, reported after every batch.
 *
 * @param step           the walk's name, e.g. {@code backfill messages}
 * @param processed      rows done, over every run of this migration
 * @param failed         rows left unchanged under {@code onError: 'skip'}
 * @param total          rows expected, or null when unknown
 * @param totalEstimated true when {@code total} is the planner's estimate
 * @param rowsPerSecond  the rate of this run
 * @param cursor         the last committed key, e.g. {@code id=4200}
 * @param done           true once the walk has finished
 */
public record MigrationProgress(String version, String step, long processed, long failed, Long total, boolean totalEstimated,
                                double rowsPerSecond, String cursor, boolean done) {
}
