package io.migrun.internal.walk;

import io.migrun.MigrationListener;
import io.migrun.MigrationProgress;
import io.migrun.helper.Cursor;
import io.migrun.internal.history.Checkpoint;
import io.migrun.internal.history.ProgressStore;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The counts of one walk as it goes, over every run of it: the rows done and failed, the total it
 * expects ({@link ExpectedRows}), counted again and stored with the checkpoint when the walk reaches it,
 * and the progress the listener hears after each batch. Not thread-safe.
 */
public final class WalkProgress {

    private final String version;
    private final String name;
    private final ProgressStore progress;
    private final MigrationListener listener;
    private final ExpectedRows expected;
    private final Throttle throttle;
    private long processed;
    private long failed;

    WalkProgress(String version, String name, ProgressStore progress, MigrationListener listener, ExpectedRows expected, Throttle throttle, Checkpoint started) {
        this.version = version;
        this.name = name;
        this.progress = progress;
        this.listener = listener;
        this.expected = expected;
        this.throttle = throttle;
        this.processed = started.processed();
        this.failed = started.failed();
    }

    long failed() {
        return failed;
    }

    /** The walk went back to its checkpoint, which counts these. */
    void rewound(long processedThen, long failedThen) {
        processed = processedThen;
        failed = failedThen;
    }

    /**
     * A batch committed up to {@code cursor}; a total it reached is counted again through
     * {@code reading} and stored on {@code work}, asked for only then: asking waits for a write in flight.
     */
    void batch(long rows, long failedRows, Cursor cursor, Reading reading, WorkConnection work) throws SQLException {
        processed += rows;
        failed += failedRows;
        Optional<Totals> recounted = expected.recount(reading, cursor, processed + failed);
        if (recounted.isPresent()) {
            work.outsideTransaction(c -> {
                progress.total(c, version, name, recounted.get().rows(), recounted.get().estimated());
                return null;
            });
        }
        report(cursor, false);
    }

    void report(Cursor cursor, boolean done) {
        Totals totals = expected.totals();
        listener.onProgress(new MigrationProgress(version, name, processed, failed, totals.rows(), totals.estimated(),
                throttle.rowsPerSecond(), cursor.describe(), done));
    }
}
