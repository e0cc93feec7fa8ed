package io.migrun;

/**
 * What {@code up --retry-errors} did with a migration's failed rows.
 *
 * @param retried      rows tried again
 * @param fixed        rows that went through this time (or no longer exist)
 * @param stillFailing rows that failed again; their errors are updated
 */
public record RetryErrorsResult(String version, int retried, int fixed, int stillFailing) {
}
