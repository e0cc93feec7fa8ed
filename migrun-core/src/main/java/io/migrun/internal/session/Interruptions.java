package io.migrun.internal.session;

import io.migrun.LockException;
import io.migrun.MigrationListener;
import io.migrun.config.Redaction;
import io.migrun.internal.dialect.Dialect;
import io.migrun.internal.history.LogEntry;
import io.migrun.internal.history.RunState;
import io.migrun.internal.history.RunnerSessions;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Closes the runs a runner that died left {@code running}, once the lock is held. A runner killed
 * in the middle of a statement can leave that statement running on the server (PostgreSQL notices
 * the lost client only when it next talks to it), holding its locks and its transaction. So before
 * a run is recorded as interrupted, the dead runner's sessions are looked up by the application name
 * migrun gives every connection; each one still there is described, then ended when the runner is
 * proven gone ({@link RunnerLiveness}) or waited for when it is not, and the record says which.
 */
public final class Interruptions {

    private static final int QUERY_SHOWN = 80;

    private Interruptions() {
    }

    /**
     * Closes every interrupted run, telling {@code listener} what it finds and does; waits up to the
     * lock timeout for a session left behind.
     */
    static void close(Session session) {
        MigrationListener listener = session.listener();
        List<String> secrets = session.config().secrets();
        Duration wait = session.config().lockTimeout();
        Dialect dialect = session.dialect();
        Connection c = session.work();
        Instant serverNow = null;
        for (LogEntry run : session.log()) {
            if (run.state() != RunState.RUNNING) {
                continue;
            }
            serverNow = serverNow != null ? serverNow : RunnerSessions.serverNow(c, dialect);
            RunnerLiveness.Verdict verdict = RunnerLiveness.of(run, serverNow);
            if (verdict.alive()) {
                if (RunnerLiveness.tookLock(run)) {
                    throw new LockException(label(run) + " is being run by " + verdict.runner() + ", which " + verdict.proof()
                            + " but no longer holds the migration lock. Stop that process, then run this command again.");
                }
                continue;
            }
            StringBuilder error = new StringBuilder("interrupted: the runner (" + run.runBy() + ") stopped before the run finished");
            boolean lingered = false;
            List<RunnerSessions.Backend> left = verdict.applicationName() == null ? List.of()
                    : RunnerSessions.of(c, dialect, verdict.applicationName());
            for (RunnerSessions.Backend b : left) {
                lingered = true;
                error.append(settle(c, dialect, run, verdict, b, secrets, wait, listener));
            }
            error.append(run.transactional() ? "; its transaction was rolled back" : "; it ran without a transaction, so some of its changes may be in place");
            if (session.history().closeInterrupted(c, run.id(), error.toString(), lingered)) {
                listener.onNotice(label(run) + " was interrupted earlier: " + error + ".");
            }
        }
    }

    /** Ends or outwaits one session the dead runner left; returns what the record says about it. */
    private static String settle(Connection c, Dialect dialect, LogEntry run, RunnerLiveness.Verdict verdict, RunnerSessions.Backend b,
                                 List<String> secrets, Duration wait, MigrationListener listener) {
        String found = label(run) + " was interrupted earlier, but its database session " + b.pid() + " is still there (" + b.describe()
                + (b.query() == null || b.query().isBlank() ? "" : ": " + shown(b.query(), secrets)) + ")";
        if (verdict.gone()) {
            listener.onNotice(found + ". Its runner " + verdict.runner() + " is gone (" + verdict.proof() + "), so migrun ends that session "
                    + "(pg_terminate_backend) and its transaction rolls back.");
            if (!RunnerSessions.terminate(c, dialect, b.pid(), wait)) {
                throw new LockException("Database session " + b.pid() + " of the dead runner " + verdict.runner() + " was asked to end but is still there after "
                        + wait.toSeconds() + " s. Check it in pg_stat_activity, then run this command again.");
            }
            return "; its statement was still running in database session " + b.pid() + ", which migrun ended";
        }
        listener.onNotice(found + ". migrun cannot tell whether its runner " + verdict.runner() + " is gone (" + verdict.proof()
                + "), so it waits up to " + wait.toSeconds() + " s for the session to end.");
        if (!RunnerSessions.awaitGone(c, dialect, b.pid(), wait)) {
            throw new LockException("Database session " + b.pid() + " of the runner " + verdict.runner() + " still runs " + label(run) + " after "
                    + wait.toSeconds() + " s. If that runner is gone, end the session with SELECT pg_terminate_backend(" + b.pid()
                    + "); then run this command again.");
        }
        return "; its statement ran on in database session " + b.pid() + " until it ended";
    }

    /** The start of a statement, on one line, without secrets. */
    private static String shown(String query, List<String> secrets) {
        String flat = Redaction.redact(query, secrets).replaceAll("\\s+", " ").trim();
        return flat.length() <= QUERY_SHOWN ? flat : flat.substring(0, QUERY_SHOWN) + " …";
    }

    static String label(LogEntry run) {
        return run.version() != null ? "V" + run.version() : run.script();
    }
}
