package io.migrun.internal.history;

import java.sql.Connection;
import java.util.List;

/**
 * The log table: one row per run attempt. Every method works on the connection it is given and
 * inside whatever transaction that connection has, so a migration's success row can commit with
 * its work. Failures surface as {@link io.migrun.MigrunException}s.
 */
public interface HistoryStore {

    /** The qualified name of the log table. */
    String table();

    /** True when the log table exists. Never creates it. */
    boolean exists(Connection c);

    /** Creates the table, or checks that an existing one has a layout this release understands. */
    void ensureTable(Connection c);

    /** Every row, oldest first. The table must exist; see {@link #exists}. */
    List<LogEntry> entries(Connection c);

    /** Inserts a {@code running} row and returns its id. */
    long start(Connection c, NewRun run);

    /** Marks a row succeeded with the run's result (JSON or null). */
    void succeed(Connection c, long id, String resultJson, long durationMs);

    /**
     * Marks a row failed with an error that must already be free of secrets, unless it is no longer
     * {@code running}: when a commit's outcome is unknown (the connection broke during it), a row
     * that committed as succeeded stays so. Returns whether the row was marked.
     */
    boolean fail(Connection c, long id, String error, long durationMs);

    /**
     * As {@link #fail}, for a run whose work may be partly in place although it ran in a
     * transaction (the script ended that transaction itself): the row then counts as a
     * non-transactional failure; for a versioned run that blocks further runs until
     * {@code migrun repair}.
     */
    boolean failPartial(Connection c, long id, String error, long durationMs);

    /** Ends a running row of a resumable migration that stopped at a checkpoint: paused or cancelled, with why. */
    void stop(Connection c, long id, RunState state, String note, long durationMs);

    /** Inserts a finished row in one statement, for runs that do no work of their own (repair). */
    long record(Connection c, NewRun run, RunState state, String resultJson);

    /** Marks the succeeded versioned run of {@code version} reverted, as a successful {@code down} does in its transaction. */
    void revert(Connection c, String version);

    /**
     * The rows this store started that are still {@code running}, oldest first: what a run ended from
     * outside its own thread (a shutdown, a run that ignored a stop) leaves to be marked failed.
     */
    List<LogEntry> openRuns(Connection c);

    /**
     * Marks a row left {@code running} by a runner that died as failed with {@code error}, unless it
     * is no longer running. Its duration runs until now when {@code ranUntilNow} (its statement was
     * still running), otherwise until its last checkpoint, and is unknown (null) without one. Only
     * for a caller holding the lock that has made sure the runner is gone. Returns whether it closed it.
     */
    boolean closeInterrupted(Connection c, long id, String error, boolean ranUntilNow);
}
