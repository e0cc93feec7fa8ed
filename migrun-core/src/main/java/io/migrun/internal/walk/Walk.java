package io.migrun.internal.walk;

import io.migrun.MigrunException;
import io.migrun.helper.Cursor;
import io.migrun.helper.Keyset;
import io.migrun.internal.history.Checkpoint;
import io.migrun.internal.walk.WalkOutcome.Completed;
import io.migrun.internal.walk.WalkOutcome.Failed;
import io.migrun.internal.walk.WalkOutcome.Stopped;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * One keyset walk of a migration run, one {@code eachBatch} or {@code backfill} call: from where
 * its checkpoint left it, batch after batch ({@link WalkBatches}), to its last row. Between
 * batches it checks for stops ({@link Stops}) and paces itself ({@link Throttle}); after each it
 * reports progress ({@link WalkProgress}). {@link #run} says how it ended rather than throwing.
 * Runs once; not thread-safe.
 */
final class Walk {

    private final RunContext run;
    private final String helper;
    private final String name;
    private final BatchOptions options;
    private final Keyset keyset;
    private final Reading reading;
    private final Checkpoint checkpoint;
    private final BatchWork work;

    /**
     * @param helper     {@code eachBatch} or {@code backfill}, for messages
     * @param checkpoint the walk's checkpoint from an earlier run, or null for a new walk
     */
    Walk(RunContext run, String helper, String name, BatchOptions options, Keyset keyset, Reading reading, Checkpoint checkpoint, BatchWork work) {
        this.run = run;
        this.helper = helper;
        this.name = name;
        this.options = options;
        this.keyset = keyset;
        this.reading = reading;
        this.checkpoint = checkpoint;
        this.work = work;
    }

    /** Walks to the end, or to where it must stop; a failure is returned with the exception that says what went wrong. */
    WalkOutcome run() {
        try (WriteBehind writes = new WriteBehind(run.work()); PageReader pages = reading.pages(keyset, options.prefetch())) {
            return walk(pages, writes);
        } catch (SQLException e) {
            return new Failed(new MigrunException(helper + " '" + name + "' failed: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            return new Failed(e);
        } finally {
            run.work().autoCommitQuietly();
        }
    }

    private WalkOutcome walk(PageReader pages, WriteBehind writes) throws SQLException {
        ExpectedRows expected = new ExpectedRows(run.dialect(), keyset, options);
        Cursor cursor = reading.read(c -> {
            Cursor at = resume(keyset.start(c));
            expected.start(c, at, checkpoint);
            return at;
        });
        Totals totals = expected.totals();
        Checkpoint started = run.progress().begin(run.work().get(), run.version(), name, "batches", totals.rows(), totals.estimated());
        WalkBatches batches = new WalkBatches(run, name, cursor, pages, writes, work);
        Throttle throttle = new Throttle(options, where -> stopAt(batches, where), run.listener(), run.version());
        WalkProgress walked = new WalkProgress(run.version(), name, run.progress(), run.listener(), expected, throttle, started);
        while (true) {
            String at = "at " + WalkCheckpoints.position(cursor);
            Optional<Stopped> stop = stopAt(batches, at).or(() -> throttle.beforeBatch(at));
            if (stop.isPresent()) {
                return stop.get();
            }
            BatchOutcome batch = batches.run(cursor, throttle.rowsPerSecond());
            if (batch instanceof BatchOutcome.Committed c) {
                cursor = c.cursor();
                run.control().countBatch();
                throttle.afterBatch(c.processed() + c.failed());
                walked.batch(c.processed(), c.failed(), cursor, reading, run.work());
            } else if (batch instanceof BatchOutcome.Rewound r) {
                cursor = r.cursor();
                walked.rewound(r.processed(), r.failed());
            } else if (batch instanceof Stopped s) {
                return s;
            } else {
                return finish(cursor, walked);
            }
        }
    }

    private Cursor resume(Cursor start) {
        Cursor at = WalkCheckpoints.resumeAt(start, checkpoint, name);
        if (at != start) {
            run.log("info", "'" + name + "' resumes after " + at.describe()
                    + String.format(Locale.ROOT, " (%,d rows done)", checkpoint.processed()));
        }
        return at;
    }

    private Optional<Stopped> stopAt(WalkBatches batches, String where) {
        return run.stops().check(() -> batches.settled(where));
    }

    private WalkOutcome finish(Cursor cursor, WalkProgress walked) {
        run.progress().finish(run.work().get(), run.version(), name);
        // Calls made after the walk count from the same place whether it ran now or on an earlier run.
        run.helpers().scope("V" + run.version() + "/after " + name);
        walked.report(cursor, true);
        return new Completed(walked.failed());
    }
}
