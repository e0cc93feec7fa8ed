package io.migrun;

import java.time.Instant;

/**
 * One row of the log, as {@code migrun history} lists it.
 *
 * @param kind    versioned, down, cleanup, repeatable, baseline, ad-hoc, repair or retry-errors
 * @param version the migration's version, or null for scripts without one
 * @param state   succeeded, failed, running, paused, cancelled, reverted or awaiting
 * @param args    the run's arguments as JSON (secrets masked), or null
 * @param result  what the run returned, as JSON, or null
 */
public record RunRecord(long id, String kind, String version, String script, String description, String state, String args,
                        String result, String error, Instant startedAt, Long durationMs, String runBy) {
}
