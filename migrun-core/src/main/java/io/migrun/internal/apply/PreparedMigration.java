package io.migrun.internal.apply;

import io.migrun.dsl.ArgSpec;
import io.migrun.dsl.Batches;
import io.migrun.dsl.ScriptHelpers;
import io.migrun.internal.load.ResolvedScript;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A script ready to run: compiled and its declarations read, nothing executed yet. Blocks the
 * script did not declare are null.
 *
 * @param description   the declared description, or the file name's
 * @param transactional whether its blocks run in one transaction
 * @param work          the {@code up} block (or the whole of an SQL script); returns the run's result
 * @param down          the {@code down} block (or an SQL script's down part)
 * @param verify        the {@code verify} block; throws {@link VerifyFailure} when an expectation fails
 * @param cleanupAfter  the wait before {@code cleanup} is eligible, or null
 * @param cleanup       the {@code cleanup} block
 * @param run           the {@code run} block of an ad-hoc script
 * @param args          the arguments an ad-hoc script declares
 * @param readOnly      whether the work runs in a read-only transaction
 * @param lockTimeout   the lock timeout the script declares for its statements, or null for the configuration's
 */
public record PreparedMigration(ResolvedScript script, String description, boolean transactional, Work work, Work down, Work verify,
                         Duration cleanupAfter, Work cleanup, Work run, List<ArgSpec> args, boolean readOnly,
                         Duration lockTimeout) {

    /** A migration with an {@code up} and a {@code down} (or null) only, as an SQL file. */
    PreparedMigration(ResolvedScript script, String description, boolean transactional, Work work, Work down) {
        this(script, description, transactional, work, down, null, null, null, null, List.of(), false, null);
    }

    /** This migration with the lock timeout {@code value} (null for the configuration's). */
    PreparedMigration withLockTimeout(Duration value) {
        return new PreparedMigration(script, description, transactional, work, down, verify, cleanupAfter, cleanup, run, args, readOnly, value);
    }

    /** One block of a script, run on the connection it is given, with the helpers of this run. */
    @FunctionalInterface
    public interface Work {
        Object run(Supplier<Connection> connection, Batches batches, ScriptHelpers helpers, Map<String, Object> args) throws Exception;

        default Object run(Supplier<Connection> connection, Batches batches, ScriptHelpers helpers) throws Exception {
            return run(connection, batches, helpers, Map.of());
        }
    }
}
