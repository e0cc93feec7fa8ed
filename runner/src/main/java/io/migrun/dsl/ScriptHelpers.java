package io.migrun.dsl;

import groovy.sql.Sql;
import io.migrun.helper.Connections;
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

    /** Runs {@code work} on a connection of its own to the run's database, in autocommit, and closes it. */
    <T> T apart(Connections.Work<T> work) throws java.sql.SQLException;
}
