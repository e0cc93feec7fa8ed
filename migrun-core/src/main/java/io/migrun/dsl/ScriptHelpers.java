package io.migrun.dsl;

import groovy.sql.Sql;
import io.migrun.helper.Crypto;
import io.migrun.helper.Http;
import io.migrun.helper.Ids;
import io.migrun.helper.JsonHelper;

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
}
