package io.migrun.engine;

import groovy.lang.Closure;
import io.migrun.MigrationListener;
import io.migrun.MigrunException;
import io.migrun.dsl.Batches;
import io.migrun.helper.BatchUpdate;
import io.migrun.helper.Cursor;
import io.migrun.helper.Json;
import io.migrun.helper.Keyset;
import io.migrun.helper.Page;
import io.migrun.history.ProgressStore;
import io.migrun.history.RowError;
import io.migrun.load.ResolvedScript;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The helpers during {@code up --retry-errors}: steps are skipped (they are done), and each walk
 * visits only the rows it recorded as failed, each in its own transaction that writes the row and
 * resolves its error, or records the new error when it fails again.
 */
final class ErrorRetry implements Batches {

    private final Connection c;
    private final ProgressStore progress;
    private final ResolvedScript script;
    private final List<RowError> errors;
    private final MigrationListener listener;
    private int fixed;
    private int stillFailing;

    ErrorRetry(Connection c, ProgressStore progress, ResolvedScript script, List<RowError> errors, MigrationListener listener) {
        this.c = c;
        this.progress = progress;
        this.script = script;
        this.errors = errors;
        this.listener = listener;
    }

    int fixed() {
        return fixed;
    }

    int stillFailing() {
        return stillFailing;
    }

    @Override
    public Object step(String name, Closure<?> body) {
        return null;
    }

    @Override
    public void eachBatch(Map<String, Object> options, String source, Closure<?> body) {
        BatchOptions o = BatchOptions.of("eachBatch", options);
        retry(o.name() != null ? o.name() : "eachBatch " + Names.shortName(source), o, source, page -> body.call(page.rows()));
    }

    @Override
    public void eachBatch(Map<String, Object> options, javax.sql.DataSource from, String source, Closure<?> body) {
        throw new MigrunException("up --retry-errors cannot re-drive the failed rows of a walk over another datasource (" + source
                + "); fix the cause, then run migrun retry on the migration to walk it again from its checkpoint");
    }

    @Override
    public void backfill(Map<String, Object> options, String table, Closure<?> body) {
        BatchOptions o = BatchOptions.of("backfill", options);
        BatchUpdate[] writer = new BatchUpdate[1];
        retry(o.name() != null ? o.name() : "backfill " + Names.shortName(table), o, table, page -> {
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

    private void retry(String name, BatchOptions o, String source, RowWork work) {
        List<RowError> mine = errors.stream().filter(e -> e.step().equals(name)).toList();
        if (mine.isEmpty()) {
            return;
        }
        Keyset keyset = new Keyset(source, o.key(), null, 1);
        try {
            Cursor start = keyset.start(c);
            for (RowError e : mine) {
                Map<?, ?> key = Json.mapper().readValue(e.key(), Map.class);
                Cursor at = start.withValues(start.columns().stream().map(k -> key.get(k) == null ? null : String.valueOf(key.get(k))).toList());
                try {
                    c.setAutoCommit(false);
                    Page page = keyset.at(c, at);
                    if (!page.isEmpty()) {
                        work.apply(page);
                    }
                    progress.settleError(c, e.id(), null);
                    c.commit();
                    fixed++;
                } catch (Exception failure) {
                    Transactions.rollbackQuietly(c);
                    c.setAutoCommit(true);
                    progress.settleError(c, e.id(), Failures.describe(script, failure));
                    stillFailing++;
                } finally {
                    c.setAutoCommit(true);
                }
            }
            listener.onScriptLog(script.version().toString(), "info", name + ": retried " + mine.size() + " failed row(s)");
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MigrunException("retrying the failed rows of '" + name + "' failed: " + e.getMessage(), e);
        }
    }

}
