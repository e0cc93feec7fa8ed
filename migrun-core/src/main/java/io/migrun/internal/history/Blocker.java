package io.migrun.internal.history;

/**
 * A session that held or waited for a lock another session needed, as {@code pg_stat_activity} showed it.
 *
 * @param pid         its backend id
 * @param application its application_name, empty when it set none
 * @param state       e.g. {@code idle in transaction}
 * @param xactMillis  how long its transaction had been open, or -1 outside one
 * @param query       its current or last query, as the server reported it (not masked)
 */
public record Blocker(int pid, String application, String state, long xactMillis, String query) {
}
