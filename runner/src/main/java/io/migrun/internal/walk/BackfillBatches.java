package io.migrun.internal.walk;

import groovy.lang.Closure;
import io.migrun.helper.BatchUpdate;
import io.migrun.helper.Connections;
import io.migrun.helper.Cursor;
import io.migrun.helper.Page;
import io.migrun.internal.history.ProgressStore;
import io.migrun.internal.json.Json;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.session.BatchFailure;
import io.migrun.internal.session.Failures;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * backfill's work on one batch: the block over each row, then one write of the changes. When the
 * block ran no SQL of its own and no row failed, the write and the checkpoint go as one statement
 * that commits on arrival, and unless the walk passed {@code prefetch: false} that statement is
 * sent in the background ({@link WriteBehind}) while the block works on the next page. Otherwise the write joins the
 * batch's transaction, which the walk commits with the checkpoint. Under {@code onError: 'skip'},
 * a row whose statement fails the batch's transaction sends the batch back to run again with each
 * row in a savepoint of its own, so that only that row's work is undone.
 */
public final class BackfillBatches implements BatchWork {

    private final Supplier<Connection> connection;
    private final ProgressStore progress;
    private final ResolvedScript script;
    private final String version;
    private final String table;
    private final BatchOptions options;
    private final Closure<?> body;
    private BatchUpdate writer;
    /** The page to run with a savepoint per row, after a row's statement failed its transaction. */
    private Cursor careful;

    BackfillBatches(Supplier<Connection> connection, ProgressStore progress, ResolvedScript script, String table, BatchOptions options, Closure<?> body) {
        this.connection = connection;
        this.progress = progress;
        this.script = script;
        this.version = script.version().toString();
        this.table = table;
        this.options = options;
        this.body = body;
    }

    @Override
    public Done apply(Page page, String name, Double rate, WriteBehind writes) throws SQLException {
        if (writer == null) {
            writer = Connections.outsideTransaction(connection.get(), c -> BatchUpdate.of(c, table, page.cursor()));
        }
        List<Map<String, Object>> changes = new ArrayList<>(page.rows().size());
        int failed = rows(page, name, changes);
        BatchUpdate.Prepared batch = writer.prepare(page.keys(), changes);
        // A write still in flight means nothing in the block asked for the connection: it ran no SQL.
        boolean untouched = writes.inFlight();
        Exception earlier = writes.settle();
        if (earlier != null) {
            throw new EarlierWriteFailed(earlier);
        }
        if (failed == 0 && (untouched || Connections.idle(connection.get()))) {
            ProgressStore.Statement advance = progress.advanceStatement(version, name, Json.write(page.cursor()), page.rows().size(), 0, rate);
            if (options.prefetch() && !writes.held()) {
                writes.start(c -> batch.commit(c, advance.sql(), advance.params()));
            } else {
                Connection c = connection.get();
                c.setAutoCommit(true);
                batch.commit(c, advance.sql(), advance.params());
                writes.release();
            }
            return Done.COMMITTED;
        }
        batch.write(connection.get());
        return Done.written(failed);
    }

    /** The block over each row, its changes added in row order; returns how many rows failed under onError 'skip'. */
    private int rows(Page page, String name, List<Map<String, Object>> changes) throws SQLException {
        int failed = 0;
        boolean savepoints = page.cursor().equals(careful);
        careful = null;
        for (int i = 0; i < page.rows().size(); i++) {
            Savepoint before = savepoints ? connection.get().setSavepoint() : null;
            try {
                Object out = body.call(page.rows().get(i));
                changes.add(Changes.of(out));
                if (before != null) {
                    connection.get().releaseSavepoint(before);
                }
            } catch (Exception e) {
                String key = page.cursor().withValues(page.keys().get(i)).describe();
                if (!options.skipErrors()) {
                    throw new BatchFailure(name + ", row " + key, e);
                }
                if (before != null) {
                    connection.get().rollback(before);
                } else if (Connections.failed(connection.get())) {
                    careful = page.cursor();
                    throw new RunAgain(e);
                }
                progress.recordError(connection.get(), version, name, WalkCheckpoints.keyJson(page.cursor().columns(), page.keys().get(i)),
                        Failures.describe(script, e));
                changes.add(null);
                failed++;
            }
        }
        return failed;
    }
}
