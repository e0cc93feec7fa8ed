package io.migrun.dsl;

import io.migrun.MigrationListener;

/** The {@code log} a script writes to; lines go to the run's listener, tagged with the migration's version. */
public final class ScriptLog {

    private final MigrationListener listener;
    private final String version;

    public ScriptLog(MigrationListener listener, String version) {
        this.listener = listener;
        this.version = version;
    }

    public void info(Object message) {
        listener.onScriptLog(version, "info", String.valueOf(message));
    }

    public void warn(Object message) {
        listener.onScriptLog(version, "warn", String.valueOf(message));
    }
}
