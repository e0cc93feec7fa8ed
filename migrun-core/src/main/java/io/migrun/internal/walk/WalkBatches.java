package io.migrun.internal.walk;

import io.migrun.MigrunException;
import io.migrun.helper.Cursor;
import io.migrun.helper.Page;
import io.migrun.internal.history.Checkpoint;
import io.migrun.internal.json.Json;
import io.migrun.internal.retry.Backoff;
import io.migrun.internal.walk.BatchWork.Done;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The batches of one walk, each in one transaction with its checkpoint. A transient failure (a
 * serialization failure, a deadlock, a lost connection) is retried, up to five attempts with
 * {@link Backoff#BATCH} between them, an interrupted commit decided by the checkpoint as read
 * back; a failed write in the background sends the walk back to its last checkpoint; under
 * onError 'skip' a failing eachBatch block is narrowed down to its failing rows
 * ({@link SkipNarrowing}). A failure that is not retried, or still fails on the last attempt,
 * is thrown. Not thread-safe.
 */
final class WalkBatches {

    /** Attempts of a batch, and of a part of one being narrowed down, before its transient failure counts as its failure. */
    static final int MAX_ATTEMPTS = 5;

    private final RunContext run;
    private final WorkConnection work;
    private final String name;
    /** Where the walk went on from on this run; a checkpoint without a cursor stands for it. */
    private final Cursor start;
    private final PageReader pages;
    private final WriteBehind writes;
    private final BatchWork batchWork;
    private final SkipNarrowing skips;

    /** How one attempt of a batch came out: with the batch's outcome, to run again uncounted, or failed. */
    private sealed interface Attempt {
    }

    private record Ended(BatchOutcome outcome) implements Attempt {
    }

    private record Again() implements Attempt {
    }

    /** @param earlierWrite the failed write in the background that ended the attempt, or null */
    private record Failure(Exception error, Exception earlierWrite, Page page) implements Attempt {
    }

    WalkBatches(RunContext run, String name, Cursor start, PageReader pages, WriteBehind writes, BatchWork batchWork) {
        this.run = run;
        this.work = run.work();
        this.name = name;
        this.start = start;
        this.pages = pages;
        this.writes = writes;
        this.batchWork = batchWork;
        this.skips = new SkipNarrowing(run);
    }

    /** The batch after {@code cursor}; {@code measuredRate} is the walk's rows per second so far, 0 before it is known. */
    BatchOutcome run(Cursor cursor, double measuredRate) throws SQLException {
        Double rate = measuredRate > 0 ? measuredRate : null;
        for (int attempt = 1; ; attempt++) {
            // Every attempt of the batch, whatever made it run again, sends its first attempt's idempotency keys.
            run.helpers().scope(scope(cursor));
            Attempt a = attempt(cursor, rate);
            if (a instanceof Ended e) {
                return e.outcome();
            }
            if (a instanceof Failure f) {
                Optional<BatchOutcome> after = afterFailure(f, cursor, attempt);
                if (after.isPresent()) {
                    return after.get();
                }
            } else {
                // Not a failed attempt: the work runs the batch again in a way its transaction survives.
                attempt--;
            }
        }
    }

    private Attempt attempt(Cursor cursor, Double rate) throws SQLException {
        Page page = null;
        Done done;
        try {
            if (!writes.inFlight()) {
                work.begin();
            }
            page = pages.take(work, cursor);
            if (page.isEmpty()) {
                return end(page);
            }
            done = batchWork.apply(page, cursor, rate, writes);
            if (done instanceof Done.Written || done instanceof Done.CommitsItself) {
                return new Ended(committed(page, done, rate));
            }
            work.rollbackQuietly();
        } catch (Exception e) {
            work.rollbackQuietly();
            return new Failure(e, null, page);
        } finally {
            if (!writes.inFlight()) {
                work.autoCommitQuietly();
            }
        }
        if (done instanceof Done.Skipped s) {
            return new Ended(skips.narrow(page, name, cursor, scope(cursor), s.body(), s.cause()));
        }
        if (done instanceof Done.EarlierWriteFailed w) {
            return new Failure(w.cause(), w.cause(), page);
        }
        return new Again();
    }

    /** Past the last row: the walk is through once the write before it has committed; if that failed, so did the attempt. */
    private Attempt end(Page page) throws SQLException {
        Exception earlier = writes.settle();
        if (earlier != null) {
            work.rollbackQuietly();
            return new Failure(earlier, earlier, page);
        }
        work.commit();
        return new Ended(new BatchOutcome.End());
    }

    private BatchOutcome committed(Page page, Done done, Double rate) throws SQLException {
        int failed = done instanceof Done.Written w ? w.failed() : 0;
        if (done instanceof Done.Written) {
            run.progress().advance(work.get(), run.version(), name, Json.write(page.cursor()), page.rows().size() - failed, failed, rate);
            work.commit();
        }
        return new BatchOutcome.Committed(page.cursor(), page.rows().size() - failed, failed);
    }

    /** After a failed attempt: a stop, a rewind, the batch found committed after all, or empty to retry it; throws when it failed for good. */
    private Optional<BatchOutcome> afterFailure(Failure f, Cursor cursor, int attempt) throws SQLException {
        if (run.stops().signalled()) {
            return Optional.of(run.stops().signalled("at " + WalkCheckpoints.position(committedCursor(start))));
        }
        Exception earlier = f.earlierWrite() != null ? f.earlierWrite() : writes.settle();
        if (earlier != null) {
            return Optional.of(rewind(earlier));
        }
        Exception e = f.error();
        boolean lost = work.lost(e);
        if (!(Transient.is(e) || lost) || attempt >= MAX_ATTEMPTS) {
            if (e instanceof SQLException s) {
                throw s;
            }
            throw e instanceof RuntimeException r ? r : new MigrunException(e.getMessage(), e);
        }
        if (lost) {
            run.log("warn", name + ": lost the database connection (" + Transient.describe(e) + "); reconnecting");
            Throttle.sleep(Backoff.BATCH.delayMillis(attempt - 1));
            work.reconnect();
        }
        Page page = f.page();
        if (page != null && !page.isEmpty() && committedCursor(cursor).equals(page.cursor())) {
            return Optional.of(new BatchOutcome.Committed(page.cursor(), page.rows().size(), 0));
        }
        run.log("warn", name + ": " + Transient.describe(e) + "; retrying the batch (attempt " + (attempt + 1) + " of " + MAX_ATTEMPTS + ")");
        if (!lost) {
            Throttle.sleep(Backoff.BATCH.delayMillis(attempt - 1));
        }
        return Optional.empty();
    }

    /**
     * After a batch write sent in the background failed: back to the last checkpoint that
     * committed, whose batch then runs again with its write in the foreground and the usual
     * retries. A lost connection is re-opened first, as for any batch.
     */
    private BatchOutcome rewind(Exception failure) {
        run.log("warn", name + ": a batch write failed (" + Transient.describe(failure) + "); going back to the last checkpoint");
        if (work.lost(failure)) {
            work.reconnect();
        }
        writes.hold();
        Checkpoint cp = WalkCheckpoints.committed(run.progress(), work.get(), run.version(), name)
                .orElseThrow(() -> new MigrunException("the checkpoint of '" + name + "' is gone"));
        Cursor at = cp.cursor() == null ? start : Cursor.parse(cp.cursor());
        return new BatchOutcome.Rewound(at, cp.processed(), cp.failed());
    }

    /**
     * Where the walk is when it stops {@code where} (e.g. "at id=5000"): a write still in flight
     * ends first, and if it failed the walk stopped at the checkpoint before it.
     */
    String settled(String where) {
        Exception lost = writes.settle();
        if (lost == null) {
            return where;
        }
        run.log("warn", name + ": the last batch write did not commit (" + Transient.describe(lost) + "); it runs again on resume");
        return "at " + WalkCheckpoints.position(committedCursor(start));
    }

    /** Where a batch is, for derived idempotency keys: the migration, the walk and the key the batch starts after. */
    private String scope(Cursor cursor) {
        return "V" + run.version() + "/" + name + "/" + Json.write(cursor.values());
    }

    /** The cursor as committed, read back after a failure whose commit outcome is unknown; {@code fallback} when there is none. */
    private Cursor committedCursor(Cursor fallback) {
        return WalkCheckpoints.committedCursor(run.progress(), work.get(), run.version(), name, fallback);
    }
}
