package io.migrun.internal.walk;

import io.migrun.MigrunException;
import io.migrun.internal.history.Control;
import io.migrun.internal.history.ProgressStore;
import io.migrun.internal.session.RunControl;
import io.migrun.internal.walk.WalkOutcome.Stopped;

import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides, between batches and steps, whether a resumable migration must stop at its checkpoint:
 * a signal, an operator's pause or cancel (read from the database at most once a second over the
 * whole run), or a run limit; and says where it stopped and how to go on. Not thread-safe.
 */
final class Stops {

    private static final long CONTROL_POLL_NANOS = 1_000_000_000L;

    private final RunControl control;
    private final ProgressStore progress;
    private final String version;
    private final WorkConnection work;
    private long lastControlPoll;

    Stops(RunControl control, ProgressStore progress, String version, WorkConnection work) {
        this.control = control;
        this.progress = progress;
        this.version = version;
        this.work = work;
    }

    /** @param where where the run stops, e.g. "at id=5000"; asked only when it does */
    Optional<Stopped> check(Supplier<String> where) {
        if (control.signalled()) {
            return Optional.of(signalled(where.get()));
        }
        long now = System.nanoTime();
        if (now - lastControlPoll >= CONTROL_POLL_NANOS) {
            lastControlPoll = now;
            Optional<Control> request = poll();
            if (request.isPresent()) {
                return Optional.of(asked(request.get(), where.get()));
            }
        }
        String limit = control.limitReached();
        if (limit != null) {
            return Optional.of(new Stopped(StopRun.Reason.LIMIT, "V" + version + " stopped " + where.get() + " " + limit + "; run migrun up to go on."));
        }
        return Optional.empty();
    }

    /** Whether the run was signalled to stop: the statement that just failed may have been cancelled for it. */
    boolean signalled() {
        return control.signalled();
    }

    /** @param where e.g. "at id=5000" */
    Stopped signalled(String where) {
        return new Stopped(StopRun.Reason.SIGNAL, "V" + version + " paused " + where + " (stopped by a signal); run migrun up to resume.");
    }

    private Stopped asked(Control r, String where) {
        if (r.request().equals("cancel")) {
            return new Stopped(StopRun.Reason.CANCEL, "V" + version + " cancelled " + where + " as asked by " + r.requestedBy()
                    + "; what was committed stays. Run migrun retry " + version + " to run it again from there.");
        }
        return new Stopped(StopRun.Reason.PAUSE, "V" + version + " paused " + where + " as asked by " + r.requestedBy()
                + "; run migrun resume " + version + ", then migrun up, to go on.");
    }

    /** Between batches the connection may be in manual commit: the poll must not leave a transaction open behind it. */
    private Optional<Control> poll() {
        try {
            return work.outsideTransaction(c -> progress.control(c, version));
        } catch (SQLException e) {
            throw new MigrunException("cannot read operators' requests: " + e.getMessage(), e);
        }
    }
}
