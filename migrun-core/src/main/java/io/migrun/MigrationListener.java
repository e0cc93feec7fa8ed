package io.migrun;

/**
 * Receives what a run does as it happens; the CLI prints from it. Every method has an empty
 * default. Called on the thread that runs the migrations.
 */
public interface MigrationListener {

    /** A line worth telling the operator before or between migrations, such as which database is used. */
    default void onNotice(String message) {
    }

    /** A migration is about to run. */
    default void beforeMigration(String version, String description, String script) {
    }

    /** A migration committed. */
    default void afterMigration(AppliedMigration migration) {
    }

    /** A batched walk committed a batch or finished. */
    default void onProgress(MigrationProgress progress) {
    }

    /** A message the running script wrote with {@code log}; {@code version} is the script's name for scripts without a version. */
    default void onScriptLog(String version, String level, String message) {
    }

    /**
     * A NOTICE, WARNING or INFO message the server raised during a script's statement, with its
     * severity as the server names it; by default passed on as a script log line.
     */
    default void onServerNotice(String version, String severity, String message) {
        onScriptLog(version, severity.equals("WARNING") ? "warn" : "info", message);
    }

    MigrationListener NONE = new MigrationListener() {
    };
}
