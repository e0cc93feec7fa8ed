package io.migrun.internal.walk;

import io.migrun.MigrationListener;
import io.migrun.MigrationProgress;
import io.migrun.helper.Connections;
import io.migrun.helper.Cursor;
import io.migrun.internal.history.Checkpoint;
import io.migrun.internal.history.ProgressStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * The counts of one walk as it goes, over every run of it: the rows done and failed, the total it
 * expects ({@link Totals}), counted again and stored with the checkpoint when the walk reaches it,
 * and the progress the listener hears after each batch. Not thread-safe.
 */
public final class WalkProgress {

    private final String version;
    private final String name;
    private final ProgressStore progress;
    private final MigrationListener listener;
    private final Totals totals;
    private final Throttle throttle;
    private long processed;
    private long failed;

    WalkProgress(String version, String name, ProgressStore progress, MigrationListener listener, Totals totals, Throttle throttle, Checkpoint started) {
        this.version = version;
        this.name = name;
        this.progress = progress;
        this.listener = listener;
        this.totals = totals;
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
    void batch(long rows, long failedRows, Cursor cursor, Totals.Reading reading, Supplier<Connection> work) throws SQLException {
        processed += rows;
        failed += failedRows;
        if (totals.check(reading, cursor, processed + failed)) {
            Connections.outsideTransaction(work.get(), c -> {
                progress.total(c, version, name, totals.rows(), totals.estimated());
                return null;
            });
        }
        report(cursor, false);
    }

    void report(Cursor cursor, boolean done) {
        listener.onProgress(new MigrationProgress(version, name, processed, failed, totals.rows(), totals.estimated(),
                throttle.rowsPerSecond(), cursor.describe(), done));
    }
}
