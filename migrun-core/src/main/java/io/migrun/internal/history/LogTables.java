package io.migrun.internal.history;

/**
 * The names of migrun's tables in one schema: the log, and beside it the checkpoints, row errors
 * and operator requests. {@code _migrationlog} has {@code _migrationcheckpoints},
 * {@code _migrationerrors} and {@code _migrationcontrol}; another log name {@code x} has
 * {@code x_checkpoints} and so on.
 */
public record LogTables(String schema, String log) {

    private String prefix() {
        return log.endsWith("log") && log.length() > 3 ? log.substring(0, log.length() - 3) : log + "_";
    }

    public String qualifiedLog() {
        return schema + "." + log;
    }

    public String checkpoints() {
        return schema + "." + prefix() + "checkpoints";
    }

    public String errors() {
        return schema + "." + prefix() + "errors";
    }

    /** The id map of the scripts' {@code ids} helper. */
    public String idMap() {
        return schema + "." + prefix() + "idmap";
    }

    public String control() {
        return schema + "." + prefix() + "control";
    }
}
