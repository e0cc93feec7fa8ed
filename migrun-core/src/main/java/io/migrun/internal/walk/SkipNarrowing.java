package io.migrun.internal.walk;

import groovy.lang.Closure;
import io.migrun.MigrunException;
import io.migrun.helper.Cursor;
import io.migrun.helper.Page;
import io.migrun.internal.json.Json;
import io.migrun.internal.retry.Backoff;
import io.migrun.internal.session.Failures;
import io.migrun.internal.session.RunHelpers;
import io.migrun.internal.walk.WalkOutcome.Stopped;

import java.sql.SQLException;
import java.util.ArrayList;

/**
 * {@code onError: 'skip'} for {@code eachBatch}: a batch whose block failed is narrowed down, by
 * halves, to the rows that fail on their own. Each half runs the block again on its rows, in a
 * transaction of its own that commits them with the checkpoint moved to the half's last row; a half
 * that fails is halved again, down to single rows, each recorded in the errors table as the
 * checkpoint moves past it. Halves go in key order, so the checkpoint only moves forward and a run
 * that dies midway resumes after the last part that committed. A transient failure of a part is
 * retried as a batch's is. HTTP calls a part repeats reuse their earlier keys ({@link RunHelpers#part}).
 */
final class SkipNarrowing {

    private final RunContext run;

    SkipNarrowing(RunContext run) {
        this.run = run;
    }

    /**
     * @param after   where the batch starts, as committed
     * @param scope   the batch's place for idempotency keys
     * @param failure why the whole batch failed
     * @return the batch committed, with how its rows came out; or a stop signalled while a part ran, at the last part that committed
     */
    BatchOutcome narrow(Page page, String name, Cursor after, String scope, Closure<?> body, Throwable failure) throws SQLException {
        run.log("warn", name + ": the batch after " + WalkCheckpoints.position(after) + " failed (" + Transient.describe(failure)
                + "); running its rows again in smaller parts to find the ones that fail");
        Narrowed n = new Narrowed(page, name, after, scope, body);
        n.split(0, page.rows().size(), failure);
        return n.stopped != null ? n.stopped : new BatchOutcome.Committed(page.cursor(), n.processed, n.failed);
    }

    /** One failing batch on its way down to its failing rows. */
    private final class Narrowed {
        private final Page page;
        private final String name;
        private final String scope;
        private final Closure<?> body;
        private final WorkConnection work = run.work();
        private Cursor committed;
        private long processed;
        private long failed;
        /** Set when a stop was signalled while a part ran; no further part runs. */
        private Stopped stopped;

        Narrowed(Page page, String name, Cursor after, String scope, Closure<?> body) {
            this.page = page;
            this.name = name;
            this.committed = after;
            this.scope = scope;
            this.body = body;
        }

        /** Rows [from, to) failed together with {@code failure}: a single row is recorded, more are halved. */
        void split(int from, int to, Throwable failure) throws SQLException {
            if (to - from == 1) {
                record(from, failure);
                return;
            }
            int mid = (from + to) >>> 1;
            half(from, mid);
            if (stopped == null) {
                half(mid, to);
            }
        }

        private void half(int from, int to) throws SQLException {
            Exception failure = part(from, to);
            if (failure != null && stopped == null) {
                split(from, to, failure);
            }
        }

        /**
         * Runs the block on rows [from, to) and commits them with the checkpoint at the last; the
         * failure of a part that did not go through, or null when it did or a stop was signalled.
         */
        private Exception part(int from, int to) throws SQLException {
            Cursor end = at(to - 1);
            for (int attempt = 1; ; attempt++) {
                run.helpers().part(scope + "/rows " + Json.write(page.keys().get(from)) + " to " + Json.write(page.keys().get(to - 1)));
                try {
                    work.begin();
                    body.call(new ArrayList<>(page.rows().subList(from, to)));
                    run.progress().advance(work.get(), run.version(), name, Json.write(end), to - from, 0, null);
                    work.commit();
                    return committed(end, to - from);
                } catch (Exception e) {
                    work.rollbackQuietly();
                    if (run.stops().signalled()) {
                        stopped = run.stops().signalled("at " + WalkCheckpoints.position(committed));
                        return null;
                    }
                    if (!retry(e, attempt)) {
                        return e;
                    }
                    if (end.equals(WalkCheckpoints.committedCursor(run.progress(), work.get(), run.version(), name, null))) {
                        return committed(end, to - from);
                    }
                    run.log("warn", name + ": " + Transient.describe(e) + "; retrying the rows " + at(from).describe()
                            + " to " + end.describe() + " (attempt " + (attempt + 1) + " of " + WalkBatches.MAX_ATTEMPTS + ")");
                    Throttle.sleep(Backoff.BATCH.delayMillis(attempt - 1));
                } finally {
                    work.autoCommitQuietly();
                }
            }
        }

        /** Whether a part's failure is worth another attempt (after reconnecting a lost connection); throws once the attempts are used up. */
        private boolean retry(Exception e, int attempt) {
            boolean lost = work.lost(e);
            if (!Transient.is(e) && !lost) {
                return false;
            }
            if (attempt >= WalkBatches.MAX_ATTEMPTS) {
                throw e instanceof RuntimeException r ? r : new MigrunException(e.getMessage(), e);
            }
            if (lost) {
                run.log("warn", name + ": lost the database connection (" + Transient.describe(e) + "); reconnecting");
                work.reconnect();
            }
            return true;
        }

        private Exception committed(Cursor end, int rows) {
            committed = end;
            processed += rows;
            return null;
        }

        /** A row that fails on its own: recorded, and the checkpoint moves past it. */
        private void record(int row, Throwable failure) throws SQLException {
            Cursor end = at(row);
            try {
                work.begin();
                run.progress().recordError(work.get(), run.version(), name, WalkCheckpoints.keyJson(page.cursor().columns(), page.keys().get(row)),
                        Failures.describe(run.script(), failure));
                run.progress().advance(work.get(), run.version(), name, Json.write(end), 0, 1, null);
                work.commit();
                committed = end;
                failed++;
            } catch (SQLException | RuntimeException e) {
                work.rollbackQuietly();
                throw e;
            } finally {
                work.autoCommitQuietly();
            }
        }

        private Cursor at(int row) {
            return page.cursor().withValues(page.keys().get(row));
        }
    }
}
