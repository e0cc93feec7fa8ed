package io.migrun.dsl;

import io.migrun.MigrationListener;
import org.postgresql.util.PSQLWarning;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.function.Consumer;

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

    /** Hands the server's notices and warnings on {@code statement} to {@code to}, then clears them. */
    public static void drain(Statement statement, Consumer<SQLWarning> to) {
        try {
            for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
                to.accept(w);
            }
            statement.clearWarnings();
        } catch (SQLException ignored) {
            // a closed statement has nothing more to tell
        }
    }

    /** A NOTICE, WARNING or INFO message the server raised while running one of the script's statements. */
    public void server(SQLWarning w) {
        String severity = w instanceof PSQLWarning p && p.getServerErrorMessage() != null && p.getServerErrorMessage().getSeverity() != null
                ? p.getServerErrorMessage().getSeverity()
                : "WARNING";
        listener.onServerNotice(version, severity, w.getMessage());
    }
}
