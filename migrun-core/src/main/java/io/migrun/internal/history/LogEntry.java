package io.migrun.internal.history;

import java.time.Instant;

/** One row of the log table, as read. */
public record LogEntry(long id, String version, String description, String script, RunKind kind,
                       String checksum, RunState state, boolean transactional, String result, String error,
                       Instant startedAt, Instant finishedAt, Long durationMs, String runBy, String args) {
}
