package io.migrun.internal.walk;

import io.migrun.MigrunException;
import io.migrun.helper.Connections;
import io.migrun.internal.history.Control;
import io.migrun.internal.history.ProgressStore;
import io.migrun.internal.session.RunControl;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides, between batches and steps, whether a resumable migration must stop at its checkpoint:
 * a signal, an operator's pause or cancel (read from the database at most once a second), or a
 * run limit. Throws {@link StopRun} saying where it stopped and how to go on.
 */
public final class Stops {

    private static final long CONTROL_POLL_NANOS = 1_000_000_000L;

    private final RunControl control;
    private final ProgressStore progress;
    private final String version;
    private final Supplier<Connection> connection;
    private long lastControlPoll;

    Stops(RunControl control, ProgressStore progress, String version, Supplier<Connection> connection) {
        this.control = control;
        this.progress = progress;
        this.version = version;
        this.connection = connection;
    }

    /** @param where where the run stops, e.g. "at id 5000"; asked only when it does */
    void check(Supplier<String> where) {
        if (control.signalled()) {
            throw new StopRun(StopRun.Reason.SIGNAL, "V" + version + " paused " + where.get() + " (stopped by a signal); run migrun up to resume.");
        }
        long now = System.nanoTime();
        if (now - lastControlPoll >= CONTROL_POLL_NANOS) {
            lastControlPoll = now;
            Optional<Control> request = poll();
            if (request.isPresent()) {
                Control r = request.get();
                if (r.request().equals("cancel")) {
                    throw new StopRun(StopRun.Reason.CANCEL, "V" + version + " cancelled " + where.get() + " as asked by " + r.requestedBy()
                            + "; what was committed stays. Run migrun retry " + version + " to run it again from there.");
                }
                throw new StopRun(StopRun.Reason.PAUSE, "V" + version + " paused " + where.get() + " as asked by " + r.requestedBy()
                        + "; run migrun resume " + version + ", then migrun up, to go on.");
            }
        }
        String limit = control.limitReached();
        if (limit != null) {
            throw new StopRun(StopRun.Reason.LIMIT, "V" + version + " stopped " + where.get() + " " + limit + "; run migrun up to go on.");
        }
    }

    /** Between batches the connection may be in manual commit: the poll must not leave a transaction open behind it. */
    private Optional<Control> poll() {
        try {
            return Connections.outsideTransaction(connection.get(), c -> progress.control(c, version));
        } catch (SQLException e) {
            throw new MigrunException("cannot read operators' requests: " + e.getMessage(), e);
        }
    }
}
