package io.migrun.internal.session;

import io.migrun.internal.dialect.Dialect;
import io.migrun.internal.history.LogEntry;
import io.migrun.internal.history.RunKind;
import io.migrun.internal.history.RunnerSessions;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where a request to stop goes, for whichever command of one {@code Migrun} runs now. Every
 * command registers here with its session while it runs (through {@link Commands#run}), and none
 * starts once a stop was asked. {@link #request} cancels the statement running on the command's work
 * connection, interrupts the command's thread (the loops of a Groovy script check for that) and
 * tells a resumable migration to end at its next checkpoint; each command then does what its
 * stop means (a transaction is rolled back and recorded failed, a walk records where it paused),
 * and starts nothing further. {@link #abandon} ends, from another thread, a command that did not
 * stop. Thread-safe: meant to be called from signal handlers and shutdown hooks.
 */
public final class StopHandle {

    /** How long {@link #abandon} waits for an ended session to go, which is when its transaction has rolled back. */
    private static final Duration SESSION_GONE = Duration.ofSeconds(10);

    private volatile boolean requested;
    private volatile Scope current;

    /** The command running on this thread, with its session, while it is open. */
    public final class Scope implements AutoCloseable {
        private final Session session;
        private final Thread thread;
        private final CountDownLatch done = new CountDownLatch(1);
        private final AtomicBoolean abandoned = new AtomicBoolean();
        private volatile RunControl control;

        private Scope(Session session, Thread thread) {
            this.session = session;
            this.thread = thread;
        }

        /** The stop flag a resumable migration reads between batches; signalled now when a stop came first. */
        public void control(RunControl c) {
            control = c;
            if (requested) {
                c.signal();
            }
        }

        private void stop() {
            RunControl c = control;
            if (c != null) {
                c.signal();
            }
            session.cancelWork();
            thread.interrupt();
        }

        @Override
        public void close() {
            if (current == this) {
                current = null;
            }
            if (Thread.currentThread() == thread) {
                // The interrupt was for the command; what runs after it (closing an embedded server) must not see it.
                Thread.interrupted();
            }
            done.countDown();
        }
    }

    /** Registers the command about to run on this thread with its session; closing the scope ends that. */
    public Scope enter(Session session) {
        Scope s = new Scope(session, Thread.currentThread());
        current = s;
        return s;
    }

    /** Asks the command that runs now, and any later one, to stop as soon as it safely can. */
    public void request() {
        requested = true;
        Scope s = current;
        if (s != null) {
            s.stop();
        }
    }

    /** Whether a stop was asked. */
    public boolean requested() {
        return requested;
    }

    /** True when no command runs, or the one that runs ended within {@code timeout}. */
    public boolean awaitIdle(Duration timeout) {
        Scope s = current;
        if (s == null) {
            return true;
        }
        try {
            return s.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends the command that runs now because it did not stop within {@code waited} of a request; see {@link #abandon}. */
    public String abandonUnresponsive(Duration waited) {
        return abandon("did not stop within " + waited.toSeconds() + " s of the stop request (it runs code that does not answer interrupts), so migrun ended it");
    }

    /** Ends the command that runs now because the JVM is shutting down under it (from a shutdown hook); see {@link #abandon}. */
    public String abandonAtExit() {
        Scope s = current;
        boolean exitCalled = s != null && Arrays.stream(s.thread.getStackTrace())
                .anyMatch(f -> f.getClassName().equals("java.lang.Runtime") && f.getMethodName().equals("exit"));
        return abandon(exitCalled ? "called System.exit while it ran, so migrun ended it"
                : "was still running when the JVM was shut down (by a signal, or System.exit on another thread), so migrun ended it");
    }

    /**
     * Ends, from another thread, the command that runs now: its work sessions are ended (so their
     * transactions roll back; the lock's connection stays until the process ends) and every run it
     * left {@code running} is recorded failed with {@code why}, after the script line its thread is
     * at. Returns the error to show (also when the command records no run, as a dry run), or null
     * when no command runs or it was ended already.
     *
     * @param why e.g. "called System.exit while it ran, so migrun ended it"
     */
    String abandon(String why) {
        Scope s = current;
        if (s == null || !s.abandoned.compareAndSet(false, true)) {
            return null;
        }
        String line = scriptLine(s.thread.getStackTrace());
        try (Connection c = s.session.connect()) {
            endWorkSessions(c, s.session.dialect());
            List<String> messages = new ArrayList<>();
            for (LogEntry run : s.session.history().openRuns(c)) {
                String error = (line == null ? "" : run.script() + ":" + line + ": ") + why;
                long ms = Math.max(0, Duration.between(run.startedAt(), Instant.now()).toMillis());
                s.session.history().fail(c, run.id(), error, ms);
                messages.add(message(run, error));
            }
            return messages.isEmpty()
                    ? "The running command's script " + why + "; the command records no run (a dry run or verify), and its open transaction was rolled back."
                    : String.join("\n", messages);
        } catch (SQLException | RuntimeException e) {
            return "The run in progress was stopped (" + why + "), but migrun could not record that: " + e.getMessage()
                    + "\nThe next migrun up marks it as interrupted.";
        }
    }

    /** This runner's sessions besides the lock's: ended, then awaited, so nothing of theirs is left holding locks. */
    private static void endWorkSessions(Connection c, Dialect dialect) {
        for (RunnerSessions.Backend b : RunnerSessions.of(c, dialect, RunnerIdentity.applicationName())) {
            if (!b.holdsLock()) {
                RunnerSessions.terminate(c, dialect, b.pid(), SESSION_GONE);
            }
        }
    }

    /** The line of the innermost frame of a compiled script (see {@code GroovyCompiler.className}), or null. */
    private static String scriptLine(StackTraceElement[] frames) {
        for (StackTraceElement f : frames) {
            String cls = f.getClassName();
            if ((cls.startsWith("migration_") || cls.startsWith("script_")) && f.getLineNumber() > 0) {
                return String.valueOf(f.getLineNumber());
            }
        }
        return null;
    }

    private static String message(LogEntry run, String error) {
        String v = run.version();
        String head = switch (run.kind()) {
            case DOWN -> "Down of V" + v + " (" + run.script() + ")";
            case CLEANUP -> "Cleanup of V" + v + " (" + run.script() + ")";
            case AD_HOC -> "Script " + run.script();
            case REPEATABLE -> "Repeatable script " + run.script();
            case RETRY_ERRORS -> "up --retry-errors " + v;
            default -> "Migration V" + v + " (" + run.script() + ")";
        };
        String then = run.kind() == RunKind.DOWN ? "V" + v + " is still applied; run migrun down again to undo it."
                : run.kind() == RunKind.CLEANUP ? "Run migrun cleanup again to run it."
                : run.kind() == RunKind.AD_HOC ? "Run it again to do it."
                : run.kind() == RunKind.RETRY_ERRORS ? "Run migrun up --retry-errors " + v + " again."
                : "Run migrun up again to go on.";
        String outcome = run.transactional()
                ? "Its database session was ended, so its open transaction was rolled back; the run is recorded as failed. "
                : "Its database session was ended; it ran without a transaction, so some of its changes may be in place. The run is recorded as failed; "
                + "check the database first. ";
        return head + " failed:\n  " + error + "\n" + outcome + then;
    }
}
