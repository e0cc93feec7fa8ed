package io.migrun;

/**
 * A migration that {@code migrate()} applied.
 *
 * @param version     its version
 * @param description its description
 * @param script      its file name relative to the migrations folder
 * @param durationMs  how long it ran
 * @param result      what its {@code up} returned, as JSON, or null
 */
public record AppliedMigration(String version, String description, String script, long durationMs, String result) {
}
