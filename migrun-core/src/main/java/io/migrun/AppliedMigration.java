package io.migrun;

/**
 * A migration block that ran: {@code up} by {@code migrate()}, or {@code down}, {@code cleanup}, a repeatable script.
 *
 * @param version     its version
 * @param description its description
 * @param script      its file name relative to the migrations folder
 * @param durationMs  how long it ran
 * @param result      what the block returned, as JSON, or null
 * @param skippedRows rows its walks left unchanged under {@code onError: 'skip'}, over every run of it
 */
public record AppliedMigration(String version, String description, String script, long durationMs, String result, long skippedRows) {

    /** A block that walked no rows, or skipped none. */
    public AppliedMigration(String version, String description, String script, long durationMs, String result) {
        this(version, description, script, durationMs, result, 0);
    }
}
