package io.migrun.internal.session;

import io.migrun.config.Durations;
import io.migrun.config.LockGuard;
import io.migrun.config.Redaction;
import io.migrun.internal.history.Blocker;
import io.migrun.internal.retry.Backoff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * The lock guard of one run: sets the {@code lock_timeout} of its statements, and after one timed out
 * (SQLState 55P03, lock_not_available) decides whether to try again, telling the listener each attempt
 * with its blockers (seen by a {@link LockWatch}) and pausing by {@link Backoff#LOCK_RETRY}; keeps every
 * attempt for the failure's story. Made and used on the run's thread; closing ends the watch.
 */
final class LockRetries implements AutoCloseable {

    /** PostgreSQL's lock_not_available: a lock timeout, or a NOWAIT lock that was taken. */
    static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final int MAX_QUERY = 100;
    /** What pg_stat_activity shows a user for the query of another user's session it may not see. */
    private static final String HIDDEN = "<insufficient privilege>";

    private final Session session;
    private final LockGuard guard;
    private final String label;
    private final LockWatch watch;
    private final InvalidIndexes indexes;
    private final List<String> attempts = new ArrayList<>();
    private final long started = System.nanoTime();
    private String previous;
    /** Why the last attempt was the last one. */
    private String end;
    /** The lock timeout the last attempt kept ended with. */
    private SQLException recorded;

    private LockRetries(Session session, LockGuard guard, String label) {
        this.session = session;
        this.guard = guard;
        this.label = label;
        this.watch = guard.on() ? LockWatch.start(session::blockersOfWork, guard.timeout()) : null;
        this.indexes = new InvalidIndexes(session, label);
    }

    /** The guard {@code guard} of the run of {@code label} (e.g. {@code V3}) on {@code session}. */
    static LockRetries of(Session session, LockGuard guard, String label) {
        return new LockRetries(session, guard, label);
    }

    /** The cleanup after a statement without a transaction that failed building an index concurrently. */
    InvalidIndexes indexes() {
        return indexes;
    }

    /** Sets the lock timeout on {@code c}: for its transaction only when {@code local}, else for the session until {@link #restore}. */
    void set(Connection c, boolean local) throws SQLException {
        if (!guard.on()) {
            return;
        }
        if (!local && previous == null) {
            try (PreparedStatement ps = c.prepareStatement(session.dialect().lockTimeoutSql()); ResultSet rs = ps.executeQuery()) {
                rs.next();
                previous = rs.getString(1);
            }
        }
        setTo(c, guard.timeout().toMillis() + "ms", local);
    }

    /** Puts back the session's lock timeout that {@link #set} replaced; quietly, as the next script's session reset also does. */
    void restore(Connection c) {
        if (previous == null) {
            return;
        }
        try {
            setTo(c, previous, false);
        } catch (SQLException ignored) {
            // the session reset before the next script puts the setting back as well
        }
    }

    private void setTo(Connection c, String value, boolean local) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(session.dialect().setLockTimeoutSql())) {
            ps.setString(1, value);
            ps.setBoolean(2, local);
            ps.execute();
        }
    }

    /**
     * Runs {@code body}; when {@code whole} (a transaction of migrun's) runs it again after a lock timeout while the
     * guard allows, unless the run went {@code resumable} (its steps committed) or the script ended the transaction,
     * rolling the transaction back before each pause so that the sessions it waited behind get the table.
     */
    Object attempts(Callable<Object> body, boolean whole, BooleanSupplier resumable) throws Exception {
        while (true) {
            if (whole) {
                session.transaction().opened();
            }
            try {
                return body.call();
            } catch (Exception e) {
                if (!whole) {
                    last(e, "a migration without a transaction is not run again as a whole");
                } else if (resumable.getAsBoolean()) {
                    last(e, "a resumable migration is not run again as a whole once its steps have committed");
                } else if (timedOut(e) && session.transaction().rollBack(e)) {
                    last(e, "the script ended migrun's transaction, so it is not run again as a whole");
                } else if (again(e, "rolled back, trying again")) {
                    continue;
                }
                throw e;
            }
        }
    }

    /** Records a lock timeout that ends the run without a retry (unless {@link #again} has recorded it), with why. */
    private void last(Throwable failure, String why) {
        if (guard.on() && timedOut(failure) && lockCause(failure) != recorded) {
            record(failure);
            end = why;
        }
    }

    /** Whether {@code failure}, or a cause of it, is a lock timeout. */
    static boolean timedOut(Throwable failure) {
        return lockCause(failure) != null;
    }

    private static SQLException lockCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && LOCK_NOT_AVAILABLE.equals(s.getSQLState())) {
                return s;
            }
        }
        return null;
    }

    /**
     * After {@code failure}: when the guard is on and it was a lock timeout, records the attempt and, while
     * attempts and time are left and no stop was asked, tells the listener, pauses and returns true.
     *
     * @param what what is tried again, e.g. "rolled back, trying again" or "trying the statement again"
     */
    boolean again(Throwable failure, String what) {
        if (!guard.on() || !timedOut(failure)) {
            return false;
        }
        String blockers = record(failure);
        int attempt = attempts.size();
        long pause = Backoff.LOCK_RETRY.delayMillis(attempt - 1);
        long spent = millisSince(started);
        if (attempt > guard.retries()) {
            end = "lockRetries (" + guard.retries() + ") were used up";
            return false;
        }
        if (spent + pause > guard.retryTime().toMillis()) {
            end = "another would pass lockRetryTime (" + Durations.describe(guard.retryTime()) + ")";
            return false;
        }
        if (session.stopRequested()) {
            end = "a stop was asked";
            return false;
        }
        session.listener().onNotice(label + ": timed out after " + Durations.describe(guard.timeout()) + " waiting for a lock (attempt "
                + attempt + " of " + (guard.retries() + 1) + "), " + blockers + "; " + what + " in " + pause + " ms.");
        return pause(pause);
    }

    /** Keeps the attempt that {@code failure} ended, with the blockers seen; returns them as words. */
    private String record(Throwable failure) {
        String blockers = blockers(watch.recent());
        attempts.add("attempt " + (attempts.size() + 1) + ": " + blockers);
        recorded = lockCause(failure);
        return blockers;
    }

    private boolean pause(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        try {
            // In slices, so that a stop request is answered within 100 ms.
            for (long left = millis; left > 0 && !session.stopRequested(); left = (until - System.nanoTime()) / 1_000_000) {
                Thread.sleep(Math.min(left, 100));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !session.stopRequested();
    }

    /** What the guard adds to the failure {@code cause}: the invalid indexes it dropped, and the attempts when it was a lock timeout; or nothing. */
    String told(Throwable cause) {
        String story = timedOut(cause) ? story() : null;
        return indexes.note() + (story == null ? "" : "\n" + story);
    }

    /** The attempts, for the failure after the last one; null when no statement timed out on a lock. */
    private String story() {
        if (attempts.isEmpty()) {
            return null;
        }
        int n = attempts.size();
        return "The lock guard gave up after " + n + (n == 1 ? " attempt" : " attempts") + " in " + millisSince(started) + " ms: "
                + (end == null ? "a stop was asked" : end) + (n == 1 ? ". It" : ". Each") + " timed out after " + Durations.describe(guard.timeout())
                + " (ddlLockTimeout) waiting for a lock:\n  " + String.join("\n  ", attempts)
                + "\nLet those sessions finish or end them (pg_terminate_backend), then run migrun up again; "
                + "or give the guard more room with ddlLockTimeout, lockRetries or lockRetryTime.";
    }

    private String blockers(List<Blocker> seen) {
        if (seen.isEmpty()) {
            return "no blocking session was seen (migrun looks every " + Durations.describe(watch.period()) + "; it may have ended first)";
        }
        List<String> each = new ArrayList<>();
        for (Blocker b : seen) {
            String who = "pid " + b.pid() + " " + (b.application().isEmpty() ? "(no application_name)" : "\"" + b.application() + "\"");
            if (HIDDEN.equals(b.query())) {
                each.add(who + " (its state and query are hidden from migrun's database user; grant that user pg_read_all_stats to see them)");
                continue;
            }
            String age = b.xactMillis() < 0 ? "no open transaction" : "transaction open " + age(b.xactMillis());
            String query = Failures.truncate(Redaction.redact(b.query(), session.config().secrets()));
            each.add(who + " (" + b.state() + ", " + age + "): " + (query.length() > MAX_QUERY ? query.substring(0, MAX_QUERY) + " …" : query));
        }
        return "blocked by " + String.join("; ", each);
    }

    private static String age(long ms) {
        return ms < 10_000 ? ms + " ms" : ms / 1000 + " s";
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }
}
