package io.migrun.dsl;

import groovy.sql.Sql;
import io.migrun.helper.Crypto;
import io.migrun.helper.Http;
import io.migrun.helper.Ids;
import io.migrun.helper.JsonHelper;

import java.sql.SQLException;

/** The helpers a run gives its scripts; implemented by the engine, one per run, closed at its end. */
public interface ScriptHelpers {

    Crypto crypto();

    JsonHelper json();

    Http http();

    Ids ids();

    /** A {@code Sql} on the named datasource's pool. */
    Sql db(String name);

    /**
     * Called before each statement the script sends through {@code sql} or a {@code .sql} file,
     * with its text ({@code null} when the script reaches for the driver's own connection), so
     * the engine can mark its transaction first; see the engine's run transaction.
     */
    default void beforeStatement(String sql) {
    }

    /** One statement sent on its own, outside a transaction. */
    @FunctionalInterface
    interface Statement<T> {
        T run() throws SQLException;
    }

    /**
     * Runs one statement of a script that runs without a transaction and, when it times out waiting for
     * a lock (SQLState 55P03), runs it again as far as the engine's lock guard allows; by default once.
     * When {@code sql}, the statement's text, builds an index concurrently and fails, the engine drops the
     * invalid index it left before it tries again or fails.
     */
    default <T> T retryingLocks(String sql, Statement<T> statement) throws SQLException {
        return statement.run();
    }
}
