package io.migrun.internal.walk;

import com.fasterxml.jackson.core.JsonProcessingException;
import groovy.lang.Closure;
import io.migrun.MigrationListener;
import io.migrun.MigrunException;
import io.migrun.RowError;
import io.migrun.dsl.Batches;
import io.migrun.helper.BatchUpdate;
import io.migrun.helper.Cursor;
import io.migrun.helper.Keyset;
import io.migrun.helper.Page;
import io.migrun.internal.history.ProgressStore;
import io.migrun.internal.json.Json;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.session.Failures;
import io.migrun.internal.session.RunHelpers;
import io.migrun.internal.session.StopHandle;
import io.migrun.internal.session.Transactions;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The helpers during {@code up --retry-errors}: steps are skipped (they are done), and each walk
 * visits only the rows it recorded as failed, read again where the walk reads (this database or
 * the walk's datasource, still meeting its {@code where}), each in its own transaction that writes
 * the row and resolves its error, or records the new error when it fails again. A row that is gone
 * counts as resolved. HTTP calls for a row derive their idempotency keys from the row's key, so
 * retrying it again sends the same keys.
 */
public final class ErrorRetry implements Batches {

    private final Connection c;
    private final ProgressStore progress;
    private final ResolvedScript script;
    private final List<RowError> errors;
    private final MigrationListener listener;
    private final RunHelpers helpers;
    private final StopHandle stop;
    private int fixed;
    private int stillFailing;

    public ErrorRetry(Connection c, ProgressStore progress, ResolvedScript script, List<RowError> errors, MigrationListener listener, RunHelpers helpers,
               StopHandle stop) {
        this.c = c;
        this.progress = progress;
        this.script = script;
        this.errors = errors;
        this.listener = listener;
        this.helpers = helpers;
        this.stop = stop;
    }

    public int fixed() {
        return fixed;
    }

    public int stillFailing() {
        return stillFailing;
    }

    @Override
    public Object step(String name, Closure<?> body) {
        return null;
    }

    @Override
    public void eachBatch(Map<String, Object> options, String source, Closure<?> body) {
        BatchOptions o = BatchOptions.of("eachBatch", options);
        retry(Names.of("eachBatch", o, source), o, source, null, page -> body.call(page.rows()));
    }

    @Override
    public void eachBatch(Map<String, Object> options, DataSource from, String source, Closure<?> body) {
        BatchOptions o = BatchOptions.of("eachBatch", options);
        retry(Names.of("eachBatch", o, source), o, source, from, page -> body.call(page.rows()));
    }

    @Override
    public void backfill(Map<String, Object> options, String table, Closure<?> body) {
        BatchOptions o = BatchOptions.of("backfill", options);
        BatchUpdate[] writer = new BatchUpdate[1];
        retry(Names.of("backfill", o, table), o, table, null, page -> {
            if (writer[0] == null) {
                writer[0] = BatchUpdate.of(c, table, page.cursor());
            }
            List<Map<String, Object>> changes = new ArrayList<>();
            changes.add(Changes.of(body.call(page.rows().get(0))));
            writer[0].write(c, page.keys(), changes);
        });
    }

    @Override
    public Map<String, Object> paginate(Map<String, Object> options, String query) {
        return Paging.page(c, options, query);
    }

    @FunctionalInterface
    private interface RowWork {
        void apply(Page page) throws Exception;
    }

    /** @param from the walk's other datasource, or null when it reads this database */
    private void retry(String name, BatchOptions o, String source, DataSource from, RowWork work) {
        List<RowError> mine = errors.stream().filter(e -> e.step().equals(name)).toList();
        if (mine.isEmpty()) {
            return;
        }
        if (!retryRows(name, new Keyset(source, o.key(), o.where(), 1), from, mine, work)) {
            // The script called eachBatch or backfill and would go on after it: only an exception ends it here.
            throw new StopRun(StopRun.Reason.SIGNAL, "stopped as asked");
        }
    }

    /** The walk's failed rows in turn; false when a stop ended the retry before the next row. */
    private boolean retryRows(String name, Keyset keyset, DataSource from, List<RowError> mine, RowWork work) {
        try (Connection elsewhere = from == null ? null : from.getConnection()) {
            Connection read = elsewhere == null ? c : elsewhere;
            Cursor start = keyset.start(read);
            for (RowError e : mine) {
                if (stop.requested() || !retryRow(name, keyset, read, start, e, work)) {
                    return false;
                }
            }
            listener.onScriptLog(script.version().toString(), "info", name + ": retried " + mine.size() + " failed row(s)");
            return true;
        } catch (SQLException | JsonProcessingException e) {
            throw new MigrunException("retrying the failed rows of '" + name + "' failed: " + e.getMessage(), e);
        }
    }

    /**
     * One row in its own transaction that writes it and resolves its error, or records the new
     * error when it fails again; false when a stop cut it off, which leaves its earlier error, as
     * the stop is not its failure.
     */
    private boolean retryRow(String name, Keyset keyset, Connection read, Cursor start, RowError e, RowWork work)
            throws SQLException, JsonProcessingException {
        Map<?, ?> key = Json.mapper().readValue(e.key(), Map.class);
        Cursor at = start.withValues(start.columns().stream().map(k -> key.get(k) == null ? null : String.valueOf(key.get(k))).toList());
        helpers.scope("V" + script.version() + "/" + name + "/row " + e.key());
        try {
            c.setAutoCommit(false);
            Page page = keyset.at(read, at);
            if (!page.isEmpty()) {
                work.apply(page);
            }
            progress.settleError(c, e.id(), null);
            c.commit();
            fixed++;
            return true;
        } catch (Exception failure) {
            Transactions.rollbackQuietly(c);
            c.setAutoCommit(true);
            if (stop.requested()) {
                return false;
            }
            progress.settleError(c, e.id(), Failures.describe(script, failure));
            stillFailing++;
            return true;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
