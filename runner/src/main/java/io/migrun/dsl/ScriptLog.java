package io.migrun.dsl;

import io.migrun.MigrationListener;
import org.postgresql.util.PSQLWarning;

import java.sql.SQLWarning;

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

    /** A NOTICE, WARNING or INFO message the server raised while running one of the script's statements. */
    public void server(SQLWarning w) {
        String severity = w instanceof PSQLWarning p && p.getServerErrorMessage() != null && p.getServerErrorMessage().getSeverity() != null
                ? p.getServerErrorMessage().getSeverity()
                : "WARNING";
        listener.onServerNotice(version, severity, w.getMessage());
    }
}
