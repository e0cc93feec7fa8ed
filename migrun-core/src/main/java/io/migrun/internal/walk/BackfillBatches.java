package io.migrun.internal.walk;

import groovy.lang.Closure;
import io.migrun.helper.BatchUpdate;
import io.migrun.helper.Connections;
import io.migrun.helper.Cursor;
import io.migrun.helper.Page;
import io.migrun.internal.history.ProgressStore;
import io.migrun.internal.json.Json;
import io.migrun.internal.session.BatchFailure;
import io.migrun.internal.session.Failures;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * backfill's work on one batch: the block over each row, then one write of the changes. When the
 * block ran no SQL of its own and no row failed, the write and the checkpoint go as one statement
 * that commits on arrival, and unless the walk passed {@code prefetch: false} that statement is
 * sent in the background ({@link WriteBehind}) while the block works on the next page. Otherwise the write joins the
 * batch's transaction, which the walk commits with the checkpoint. Under {@code onError: 'skip'},
 * a row whose statement fails the batch's transaction sends the batch back to run again with each
 * row in a savepoint of its own, so that only that row's work is undone.
 */
final class BackfillBatches implements BatchWork {

    private final RunContext run;
    private final String name;
    private final String table;
    private final BatchOptions options;
    private final Closure<?> body;
    private BatchUpdate writer;
    /** The page to run with a savepoint per row, after a row's statement failed its transaction. */
    private Cursor careful;

    BackfillBatches(RunContext run, String name, String table, BatchOptions options, Closure<?> body) {
        this.run = run;
        this.name = name;
        this.table = table;
        this.options = options;
        this.body = body;
    }

    @Override
    public Done apply(Page page, Cursor after, Double rate, WriteBehind writes) throws SQLException {
        WorkConnection work = run.work();
        if (writer == null) {
            writer = work.outsideTransaction(c -> BatchUpdate.of(c, table, page.cursor()));
        }
        List<Map<String, Object>> changes = new ArrayList<>(page.rows().size());
        OptionalInt rows = rows(page, changes);
        if (rows.isEmpty()) {
            return new Done.RunAgain();
        }
        int failed = rows.getAsInt();
        BatchUpdate.Prepared batch = writer.prepare(page.keys(), changes);
        // A write still in flight means nothing in the block asked for the connection: it ran no SQL.
        boolean untouched = writes.inFlight();
        Exception earlier = writes.settle();
        if (earlier != null) {
            return new Done.EarlierWriteFailed(earlier);
        }
        if (failed == 0 && (untouched || Connections.idle(work.get()))) {
            ProgressStore.Statement advance = run.progress().advanceStatement(run.version(), name, Json.write(page.cursor()), page.rows().size(), 0, rate);
            if (options.prefetch() && !writes.held()) {
                writes.start(c -> batch.commit(c, advance.sql(), advance.params()));
            } else {
                Connection c = work.get();
                c.setAutoCommit(true);
                batch.commit(c, advance.sql(), advance.params());
                writes.release();
            }
            return new Done.CommitsItself();
        }
        batch.write(work.get());
        return new Done.Written(failed);
    }

    /**
     * The block over each row, its changes added in row order; how many rows failed under onError
     * 'skip', or empty when a row's statement failed the transaction and the batch must run again.
     */
    private OptionalInt rows(Page page, List<Map<String, Object>> changes) throws SQLException {
        int failed = 0;
        boolean savepoints = page.cursor().equals(careful);
        careful = null;
        for (int i = 0; i < page.rows().size(); i++) {
            // Asked for only with savepoints: asking waits for a write in flight, which the block's rows otherwise overlap.
            Savepoint before = savepoints ? run.work().get().setSavepoint() : null;
            try {
                Object out = body.call(page.rows().get(i));
                changes.add(Changes.of(out));
                if (before != null) {
                    run.work().get().releaseSavepoint(before);
                }
            } catch (Exception e) {
                String key = page.cursor().withValues(page.keys().get(i)).describe();
                if (!options.skipErrors()) {
                    throw new BatchFailure(name + ", row " + key, e);
                }
                if (before != null) {
                    run.work().get().rollback(before);
                } else if (Connections.failed(run.work().get())) {
                    careful = page.cursor();
                    return OptionalInt.empty();
                }
                run.progress().recordError(run.work().get(), run.version(), name, WalkCheckpoints.keyJson(page.cursor().columns(), page.keys().get(i)),
                        Failures.describe(run.script(), e));
                changes.add(null);
                failed++;
            }
        }
        return OptionalInt.of(failed);
    }
}
