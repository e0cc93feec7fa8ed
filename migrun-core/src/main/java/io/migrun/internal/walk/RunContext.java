package io.migrun.internal.walk;

import io.migrun.MigrationListener;
import io.migrun.internal.dialect.Dialect;
import io.migrun.internal.history.ProgressStore;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.session.RunControl;
import io.migrun.internal.session.RunHelpers;
import io.migrun.internal.session.Session;

/**
 * What the steps and walks of one migration run share: the script and its version, the run's work
 * connection, where checkpoints are kept, who hears of progress, the stop flag and limits with
 * the checks made of them, and the helpers whose idempotency keys follow the batches.
 */
record RunContext(ResolvedScript script, String version, Dialect dialect, WorkConnection work, ProgressStore progress,
                  MigrationListener listener, RunControl control, RunHelpers helpers, Stops stops) {

    static RunContext of(Session session, Dialect dialect, ResolvedScript script, MigrationListener listener, RunControl control, RunHelpers helpers) {
        String version = script.version().toString();
        WorkConnection work = new WorkConnection(session);
        ProgressStore progress = session.progress();
        return new RunContext(script, version, dialect, work, progress, listener, control, helpers, new Stops(control, progress, version, work));
    }

    /** A line of the migration's log, as the script's own would be. */
    void log(String level, String message) {
        listener.onScriptLog(version, level, message);
    }
}
