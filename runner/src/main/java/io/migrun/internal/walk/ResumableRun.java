package io.migrun.internal.walk;

import groovy.lang.Closure;
import io.migrun.MigrationListener;
import io.migrun.MigrunException;
import io.migrun.dsl.Batches;
import io.migrun.helper.Cursor;
import io.migrun.helper.Keyset;
import io.migrun.helper.Page;
import io.migrun.internal.dialect.Dialect;
import io.migrun.internal.history.Checkpoint;
import io.migrun.internal.history.ProgressStore;
import io.migrun.internal.json.Json;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.retry.Backoff;
import io.migrun.internal.session.BatchFailure;
import io.migrun.internal.session.RunControl;
import io.migrun.internal.session.RunHelpers;
import io.migrun.internal.session.Session;
import io.migrun.internal.session.Transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The resumable side of one migration run. The first {@code step}, {@code eachBatch} or
 * {@code backfill} switches the migration to resumable mode: from then on each step and each batch
 * commits in its own short transaction together with its checkpoint, so a run that dies resumes
 * after its last commit, processing no row twice and skipping none. Between batches the run
 * honours stop signals, operators' pause and cancel requests, run limits and throttling.
 */
public final class ResumableRun implements Batches {

    private static final int MAX_ATTEMPTS = 5;

    private final Session session;
    private final Dialect dialect;
    private final ProgressStore progress;
    private final ResolvedScript script;
    private final String version;
    private final MigrationListener listener;
    private final RunControl control;
    private final Set<String> names = new HashSet<>();
    private Map<String, Checkpoint> checkpoints;
    private final Stops stops;
    private Cursor position;
    /** The walk in progress: its name, where it started, and its write in flight if any. */
    private String walking;
    private Cursor walkStart;
    private WriteBehind writes;
    private final RunHelpers helpers;
    private final SkipNarrowing skips;
    /** Rows the walks of this migration left unchanged under onError 'skip', over every run. */
    private long skippedRows;

    public ResumableRun(Session session, Dialect dialect, ResolvedScript script, MigrationListener listener, RunControl control, RunHelpers helpers) {
        this.helpers = helpers;
        this.session = session;
        this.dialect = dialect;
        this.progress = session.progress();
        this.script = script;
        this.version = script.version().toString();
        this.listener = listener;
        this.control = control;
        this.stops = new Stops(control, progress, version, this::c);
        this.skips = new SkipNarrowing(session, script, control, listener, helpers);
    }

    /** Rows this migration's walks left unchanged under onError 'skip' and not yet driven through, over every run. */
    public long skippedRows() {
        return skippedRows;
    }

    /** The run's current work connection; a lost one is replaced between attempts of a batch. */
    private Connection c() {
        return session.work();
    }

    public boolean resumable() {
        return checkpoints != null;
    }

    /** Switches to resumable mode; refuses when code before the first step already changed the database in the migration's transaction. */
    private void enter() {
        if (resumable()) {
            return;
        }
        try {
            if (!c().getAutoCommit()) {
                try (PreparedStatement ps = c().prepareStatement(dialect.transactionWroteSql()); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        throw new MigrunException("code before the first step or batch changed the database; it would run again on every resume. "
                                + "Put it inside a step('…') { } so it runs once and is recorded");
                    }
                }
                c().commit();
                c().setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new MigrunException("cannot start the resumable part: " + e.getMessage(), e);
        }
        checkpoints = new HashMap<>();
        progress.checkpoints(c(), version).forEach(cp -> checkpoints.put(cp.step(), cp));
    }

    private String claim(String name) {
        if (!names.add(name)) {
            throw new MigrunException("two steps or walks of this migration are named '" + name + "'; give each its own name: so their checkpoints stay apart");
        }
        return name;
    }

    @Override
    public Object step(String name, Closure<?> body) {
        enter();
        claim(name);
        Checkpoint cp = checkpoints.get(name);
        if (cp != null && cp.done()) {
            listener.onScriptLog(version, "info", "step '" + name + "' was done on an earlier run; skipped");
            return null;
        }
        checkStop("before step '" + name + "'");
        helpers.scope("V" + version + "/step " + name);
        try {
            // Recorded as started outside the step's transaction, which then begins with the step's own first statement.
            progress.begin(c(), version, name, "step", null, false);
            c().setAutoCommit(false);
            Object result = body.call();
            progress.finish(c(), version, name);
            c().commit();
            return result;
        } catch (Exception e) {
            Transactions.rollbackQuietly(c());
            if (control.signalled()) {
                throw new StopRun(StopRun.Reason.SIGNAL, "V" + version + " stopped in step '" + name + "', which was rolled back and runs again on resume; run migrun up to resume.");
            }
            throw e instanceof RuntimeException r ? r : new MigrunException(e.getMessage(), e);
        } finally {
            Transactions.autoCommitQuietly(c());
        }
    }

    @Override
    public void eachBatch(Map<String, Object> options, String source, Closure<?> body) {
        eachBatch(options, null, source, body);
    }

    @Override
    public void eachBatch(Map<String, Object> options, DataSource from, String source, Closure<?> body) {
        BatchOptions o = BatchOptions.of("eachBatch", options);
        walk("eachBatch", o, from, source, (page, name, rate, writes) -> {
            try {
                // Under 'skip' the block gets a copy: if it fails, its rows are narrowed down as read, whatever it did to the list.
                body.call(o.skipErrors() ? new ArrayList<>(page.rows()) : page.rows());
                return BatchWork.Done.written(0);
            } catch (Exception e) {
                if (!o.skipErrors()) {
                    throw new BatchFailure(name + ", batch after " + describe(position), e);
                }
                if (Transient.is(e) || Transient.lostConnection(e, c())) {
                    throw e;
                }
                throw new SkippedBatch(e, body);
            }
        });
    }

    @Override
    public void backfill(Map<String, Object> options, String table, Closure<?> body) {
        BatchOptions o = BatchOptions.of("backfill", options);
        walk("backfill", o, null, table, new BackfillBatches(this::c, progress, script, table, o, body));
    }

    @Override
    public Map<String, Object> paginate(Map<String, Object> options, String query) {
        return Paging.page(c(), options, query);
    }

    /** @param from another database to read the pages from, or null for this one */
    private void walk(String helper, BatchOptions o, DataSource from, String source, BatchWork work) {
        enter();
        String name = claim(o.name() != null ? o.name() : helper + " " + Names.shortName(source));
        Checkpoint cp = checkpoints.get(name);
        // Calls made after the walk count from the same place whether it ran now or on an earlier run.
        helpers.scope("V" + version + "/after " + name);
        if (cp != null && cp.done()) {
            listener.onScriptLog(version, "info", helper + " '" + name + "' was done on an earlier run; skipped");
            skippedRows += cp.failed();
            return;
        }
        Keyset keyset = new Keyset(source, o.key(), o.where(), o.batchSize());
        try (WriteBehind written = new WriteBehind(session);
             PageReader pages = from != null ? PageReader.ahead(keyset, () -> connect(from), null)
                     : o.prefetch() ? PageReader.ahead(keyset, session::connect, this::c) : PageReader.inline(keyset)) {
            ExpectedRows.Reading reading = from == null ? ExpectedRows.Reading.work(this::c) : ExpectedRows.Reading.opening(() -> connect(from));
            ExpectedRows expected = new ExpectedRows(dialect, keyset, o);
            Cursor cursor = reading.read(c -> {
                Cursor at = resume(keyset.start(c), cp, name);
                expected.start(c, at, cp);
                return at;
            });
            Totals totals = expected.totals();
            Checkpoint started = progress.begin(c(), version, name, "batches", totals.rows(), totals.estimated());
            Throttle throttle = new Throttle(o, this::checkStop, listener, version);
            WalkProgress walked = new WalkProgress(version, name, progress, listener, expected, throttle, started);
            position = cursor;
            walking = name;
            walkStart = cursor;
            writes = written;
            while (true) {
                checkStop("at " + describe(cursor));
                throttle.beforeBatch("at " + describe(cursor));
                Outcome outcome = batch(pages, cursor, name, work, throttle.rowsPerSecond());
                if (outcome == null) {
                    break;
                }
                cursor = outcome.cursor();
                position = cursor;
                if (outcome.rewound()) {
                    walked.rewound(outcome.processed(), outcome.failed());
                    continue;
                }
                control.countBatch();
                throttle.afterBatch(outcome.processed() + outcome.failed());
                walked.batch(outcome.processed(), outcome.failed(), cursor, reading, this::c);
            }
            progress.finish(c(), version, name);
            skippedRows += walked.failed();
            helpers.scope("V" + version + "/after " + name);
            walked.report(cursor, true);
        } catch (SQLException e) {
            throw new MigrunException(helper + " '" + name + "' failed: " + e.getMessage(), e);
        } finally {
            writes = null;
            Transactions.autoCommitQuietly(c());
        }
    }

    private static Connection connect(DataSource from) {
        try {
            return from.getConnection();
        } catch (SQLException e) {
            throw new MigrunException("cannot connect to the walk's datasource: " + e.getMessage(), e);
        }
    }

    private Cursor resume(Cursor start, Checkpoint cp, String name) {
        Cursor at = WalkCheckpoints.resumeAt(start, cp, name);
        if (at != start) {
            listener.onScriptLog(version, "info", "'" + name + "' resumes after " + at.describe()
                    + String.format(Locale.ROOT, " (%,d rows done)", cp.processed()));
        }
        return at;
    }

    /** A batch's rows, or with {@code rewound} the walk's totals at the checkpoint it went back to. */
    private record Outcome(Cursor cursor, long processed, long failed, boolean rewound) {
        Outcome(Cursor cursor, long processed, long failed) {
            this(cursor, processed, failed, false);
        }
    }

    /** One batch in one transaction with its checkpoint; transient failures are retried, deciding an interrupted commit by the checkpoint. */
    private Outcome batch(PageReader pages, Cursor cursor, String name, BatchWork work, double measuredRate) throws SQLException {
        Double rate = measuredRate > 0 ? measuredRate : null;
        for (int attempt = 1; ; attempt++) {
            Page page = null;
            // Every attempt of the batch, whatever made it run again, sends its first attempt's idempotency keys.
            helpers.scope(batchScope(name, cursor));
            try {
                if (!writes.inFlight()) {
                    c().setAutoCommit(false);
                }
                page = pages.take(this::c, cursor);
                if (page.isEmpty()) {
                    Exception earlier = writes.settle();
                    if (earlier != null) {
                        throw new BatchWork.EarlierWriteFailed(earlier);
                    }
                    c().commit();
                    return null;
                }
                BatchWork.Done done = work.apply(page, name, rate, writes);
                int failed = done.failed();
                if (!done.committed()) {
                    progress.advance(c(), version, name, Json.write(page.cursor()), page.rows().size() - failed, failed, rate);
                    c().commit();
                }
                return new Outcome(page.cursor(), page.rows().size() - failed, failed);
            } catch (BatchWork.RunAgain again) {
                // Not a failed attempt: the work runs the batch again in a way its transaction survives.
                Transactions.rollbackQuietly(c());
                attempt--;
            } catch (SkippedBatch skipped) {
                Transactions.rollbackQuietly(c());
                SkipNarrowing.Counts n = skips.narrow(page, name, cursor, batchScope(name, cursor), skipped.body, skipped.getCause());
                return new Outcome(page.cursor(), n.processed(), n.failed());
            } catch (Exception e) {
                Transactions.rollbackQuietly(c());
                if (control.signalled()) {
                    throw new StopRun(StopRun.Reason.SIGNAL, "V" + version + " paused at " + describe(committedCursor(name, walkStart))
                            + " (stopped by a signal); run migrun up to resume.");
                }
                Exception earlier = e instanceof BatchWork.EarlierWriteFailed w ? (Exception) w.getCause() : writes.settle();
                if (earlier != null) {
                    return rewind(name, earlier);
                }
                boolean lost = Transient.lostConnection(e, c());
                if (!(Transient.is(e) || lost) || attempt >= MAX_ATTEMPTS) {
                    if (e instanceof SQLException || e instanceof RuntimeException) {
                        throw e;
                    }
                    throw new MigrunException(e.getMessage(), e);
                }
                if (lost) {
                    listener.onScriptLog(version, "warn", name + ": lost the database connection (" + Transient.describe(e) + "); reconnecting");
                    Throttle.sleep(Backoff.BATCH.delayMillis(attempt - 1));
                    session.reconnect();
                }
                if (page != null && !page.isEmpty() && committedCursor(name, cursor).equals(page.cursor())) {
                    return new Outcome(page.cursor(), page.rows().size(), 0);
                }
                listener.onScriptLog(version, "warn", name + ": " + Transient.describe(e) + "; retrying the batch (attempt " + (attempt + 1) + " of " + MAX_ATTEMPTS + ")");
                if (!lost) {
                    Throttle.sleep(Backoff.BATCH.delayMillis(attempt - 1));
                }
            } finally {
                if (!writes.inFlight()) {
                    Transactions.autoCommitQuietly(c());
                }
            }
        }
    }

    /**
     * After a batch write sent in the background failed: back to the last checkpoint that
     * committed, whose batch then runs again with its write in the foreground and the usual
     * retries. A lost connection is re-opened first, as for any batch.
     */
    private Outcome rewind(String name, Exception failure) {
        listener.onScriptLog(version, "warn", name + ": a batch write failed (" + Transient.describe(failure) + "); going back to the last checkpoint");
        if (Transient.lostConnection(failure, c())) {
            session.reconnect();
        }
        writes.hold();
        Checkpoint cp = WalkCheckpoints.committed(progress, c(), version, name).orElseThrow(() -> new MigrunException("the checkpoint of '" + name + "' is gone"));
        Cursor at = cp.cursor() == null ? walkStart : Cursor.parse(cp.cursor());
        return new Outcome(at, cp.processed(), cp.failed(), true);
    }

    /** Where a batch is, for derived idempotency keys: the migration, the walk and the key the batch starts after. */
    private String batchScope(String name, Cursor cursor) {
        return "V" + version + "/" + name + "/" + Json.write(cursor.values());
    }

    private Cursor committedCursor(String name, Cursor fallback) {
        return WalkCheckpoints.committedCursor(progress, c(), version, name, fallback);
    }

    private void checkStop(String where) {
        stops.check(() -> settledWhere(where));
    }

    /** Where a walk stops: a write still in flight ends first, and if it failed the walk stopped at the checkpoint before it. */
    private String settledWhere(String where) {
        Exception lost = writes == null ? null : writes.settle();
        if (lost == null) {
            return where;
        }
        listener.onScriptLog(version, "warn", walking + ": the last batch write did not commit (" + Transient.describe(lost) + "); it runs again on resume");
        return "at " + describe(committedCursor(walking, walkStart));
    }

    private static String describe(Cursor cursor) {
        return WalkCheckpoints.position(cursor);
    }

    /** A batch's own work failed under onError 'skip'; its rows are narrowed down with {@code body}. */
    private static final class SkippedBatch extends RuntimeException {
        private final transient Closure<?> body;

        SkippedBatch(Throwable cause, Closure<?> body) {
            super(cause.getMessage(), cause, false, false);
            this.body = body;
        }
    }
}
