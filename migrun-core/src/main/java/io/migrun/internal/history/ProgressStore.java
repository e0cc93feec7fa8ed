package io.migrun.internal.history;

import io.migrun.RowError;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * Checkpoints of resumable migrations, operators' pause and cancel requests, and rows that failed
 * under {@code onError: 'skip'}. Like {@link HistoryStore}, every method works inside whatever
 * transaction its connection has, so a batch's checkpoint commits with the batch.
 */
public interface ProgressStore {

    List<Checkpoint> checkpoints(Connection c, String version);

    /** All checkpoints of all versions, for status. Empty when the tables do not exist yet. */
    List<Checkpoint> allCheckpoints(Connection c);

    /** Creates the checkpoint if missing; returns it as stored. */
    Checkpoint begin(Connection c, String version, String step, String kind, Long total, boolean estimated);

    /** Records a committed batch: the new cursor and the counts it adds. */
    void advance(Connection c, String version, String step, String cursorJson, long processed, long failed, Double rowsPerSecond);

    /** The statement {@link #advance} runs, with its parameters, for a caller that sends it together with a batch's write. */
    Statement advanceStatement(String version, String step, String cursorJson, long processed, long failed, Double rowsPerSecond);

    /** A statement and its parameters, in order. */
    record Statement(String sql, List<Object> params) {
    }

    /** Records the rows a walk now expects, counted again or estimated, or null when unknown. */
    void total(Connection c, String version, String step, Long total, boolean estimated);

    void finish(Connection c, String version, String step);

    List<Control> controls(Connection c);

    Optional<Control> control(Connection c, String version);

    void request(Connection c, String version, String request, String requestedBy);

    /** Forgets the checkpoints, row errors and requests of {@code version}, as after its {@code down}: applying it again starts afresh. */
    void forget(Connection c, String version);

    void clearRequest(Connection c, String version);

    void recordError(Connection c, String version, String step, String keyJson, String error);

    List<RowError> errors(Connection c, String version);

    /** Marks a failed row resolved (its walk's checkpoint then counts it processed, not failed), or, with an error, records that it failed again. */
    void settleError(Connection c, long id, String errorOrNull);
}
