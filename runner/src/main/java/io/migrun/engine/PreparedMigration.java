package io.migrun.engine;

import io.migrun.load.ResolvedScript;

import io.migrun.dsl.Batches;
import io.migrun.dsl.ScriptHelpers;

import java.sql.Connection;
import java.util.function.Supplier;

/**
 * A migration ready to run: compiled and its declarations read, nothing executed yet.
 *
 * @param description   the declared description, or the file name's
 * @param transactional whether it runs in one transaction
 * @param work          the migration's work; returns the run's result
 */
record PreparedMigration(ResolvedScript script, String description, boolean transactional, Work work) {

    /** The body of a migration, run on the connection it is given, with the resumable helpers of this run. */
    @FunctionalInterface
    interface Work {
        Object run(Supplier<Connection> connection, Batches batches, ScriptHelpers helpers) throws Exception;
    }
}
