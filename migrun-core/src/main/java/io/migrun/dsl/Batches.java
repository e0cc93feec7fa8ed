package io.migrun.dsl;

import groovy.lang.Closure;

import java.util.Map;
import javax.sql.DataSource;

/**
 * The resumable work a migration can do: steps that run once, and keyset walks whose batches
 * commit with their checkpoints. Implemented by the engine; scripts reach it through
 * {@link MigrationContext}.
 */
public interface Batches {

    /** Runs {@code body} once in its own transaction, recorded; skipped when a resumed run finds it done. */
    Object step(String name, Closure<?> body);

    /** Calls {@code body} with each batch of rows of {@code source} (a table or a query), in key order. */
    void eachBatch(Map<String, Object> options, String source, Closure<?> body);

    /** Calls {@code body} with each batch of rows of {@code source} (a table or query) in another database, read through its pool. */
    void eachBatch(Map<String, Object> options, DataSource from, String source, Closure<?> body);

    /** Calls {@code body} with each row of {@code table}; the columns it returns are written back a batch at a time. */
    void backfill(Map<String, Object> options, String table, Closure<?> body);

    /** One page of {@code query} after {@code cursor:}: {@code [rows: …, cursor: …, done: …]}. No checkpoint is kept. */
    Map<String, Object> paginate(Map<String, Object> options, String query);
}
