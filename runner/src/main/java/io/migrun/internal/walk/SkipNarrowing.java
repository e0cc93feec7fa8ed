package io.migrun.internal.walk;

import groovy.lang.Closure;
import io.migrun.MigrationListener;
import io.migrun.MigrunException;
import io.migrun.helper.Cursor;
import io.migrun.helper.Page;
import io.migrun.internal.history.ProgressStore;
import io.migrun.internal.json.Json;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.retry.Backoff;
import io.migrun.internal.session.Failures;
import io.migrun.internal.session.RunControl;
import io.migrun.internal.session.RunHelpers;
import io.migrun.internal.session.Session;
import io.migrun.internal.session.Transactions;

import java.sql.Connection;
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
public final class SkipNarrowing {

    private static final int MAX_ATTEMPTS = 5;

    private final Session session;
    private final ProgressStore progress;
    private final ResolvedScript script;
    private final String version;
    private final RunControl control;
    private final MigrationListener listener;
    private final RunHelpers helpers;

    /** How a narrowed batch's rows came out. */
    record Counts(long processed, long failed) {
    }

    SkipNarrowing(Session session, ResolvedScript script, RunControl control, MigrationListener listener, RunHelpers helpers) {
        this.session = session;
        this.progress = session.progress();
        this.script = script;
        this.version = script.version().toString();
        this.control = control;
        this.listener = listener;
        this.helpers = helpers;
    }

    /**
     * @param after   where the batch starts, as committed
     * @param scope   the batch's place for idempotency keys
     * @param failure why the whole batch failed
     */
    Counts narrow(Page page, String name, Cursor after, String scope, Closure<?> body, Throwable failure) throws SQLException {
        listener.onScriptLog(version, "warn", name + ": the batch after " + WalkCheckpoints.position(after) + " failed (" + Transient.describe(failure)
                + "); running its rows again in smaller parts to find the ones that fail");
        Narrowed n = new Narrowed(page, name, after, scope, body);
        n.split(0, page.rows().size(), failure);
        return new Counts(n.processed, n.failed);
    }

    private Connection c() {
        return session.work();
    }

    /** One failing batch on its way down to its failing rows. */
    private final class Narrowed {
        private final Page page;
        private final String name;
        private final String scope;
        private final Closure<?> body;
        private Cursor committed;
        private long processed;
        private long failed;

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
            Exception left = run(from, mid);
            if (left != null) {
                split(from, mid, left);
            }
            Exception right = run(mid, to);
            if (right != null) {
                split(mid, to, right);
            }
        }

        /** Runs the block on rows [from, to) and commits them with the checkpoint at the last; the failure of a part that did not go through, or null. */
        private Exception run(int from, int to) throws SQLException {
            Cursor end = at(to - 1);
            for (int attempt = 1; ; attempt++) {
                helpers.part(scope + "/rows " + Json.write(page.keys().get(from)) + " to " + Json.write(page.keys().get(to - 1)));
                try {
                    c().setAutoCommit(false);
                    body.call(new ArrayList<>(page.rows().subList(from, to)));
                    progress.advance(c(), version, name, Json.write(end), to - from, 0, null);
                    c().commit();
                    return committed(end, to - from);
                } catch (Exception e) {
                    Transactions.rollbackQuietly(c());
                    if (control.signalled()) {
                        throw new StopRun(StopRun.Reason.SIGNAL, "V" + version + " paused at " + WalkCheckpoints.position(committed)
                                + " (stopped by a signal); run migrun up to resume.");
                    }
                    boolean lost = Transient.lostConnection(e, c());
                    if (!Transient.is(e) && !lost) {
                        return e;
                    }
                    if (attempt >= MAX_ATTEMPTS) {
                        throw e instanceof RuntimeException r ? r : new MigrunException(e.getMessage(), e);
                    }
                    if (lost) {
                        listener.onScriptLog(version, "warn", name + ": lost the database connection (" + Transient.describe(e) + "); reconnecting");
                        session.reconnect();
                    }
                    if (end.equals(WalkCheckpoints.committedCursor(progress, c(), version, name, null))) {
                        return committed(end, to - from);
                    }
                    listener.onScriptLog(version, "warn", name + ": " + Transient.describe(e) + "; retrying the rows " + at(from).describe()
                            + " to " + end.describe() + " (attempt " + (attempt + 1) + " of " + MAX_ATTEMPTS + ")");
                    Throttle.sleep(Backoff.BATCH.delayMillis(attempt - 1));
                } finally {
                    Transactions.autoCommitQuietly(c());
                }
            }
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
                c().setAutoCommit(false);
                progress.recordError(c(), version, name, WalkCheckpoints.keyJson(page.cursor().columns(), page.keys().get(row)),
                        Failures.describe(script, failure));
                progress.advance(c(), version, name, Json.write(end), 0, 1, null);
                c().commit();
                committed = end;
                failed++;
            } catch (SQLException | RuntimeException e) {
                Transactions.rollbackQuietly(c());
                throw e;
            } finally {
                Transactions.autoCommitQuietly(c());
            }
        }

        private Cursor at(int row) {
            return page.cursor().withValues(page.keys().get(row));
        }
    }
}
