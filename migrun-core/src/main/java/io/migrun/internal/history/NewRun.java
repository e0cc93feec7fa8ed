package io.migrun.internal.history;

/**
 * A run about to be recorded.
 *
 * @param version       the version, or null for runs without one
 * @param description   what it does
 * @param script        the script name relative to its folder
 * @param kind          what kind of run
 * @param checksum      the script's checksum, or null
 * @param transactional whether it runs in one transaction
 * @param args          the run's arguments as JSON (secrets already masked), or null
 */
public record NewRun(String version, String description, String script, RunKind kind, String checksum, boolean transactional, String args) {

    public NewRun(String version, String description, String script, RunKind kind, String checksum, boolean transactional) {
        this(version, description, script, kind, checksum, transactional, null);
    }
}
