package io.migrun.internal.walk;

import groovy.lang.Closure;
import io.migrun.MigrationListener;
import io.migrun.internal.retry.Backoff;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

import java.util.function.Consumer;

/**
 * Paces a walk: a fixed {@code sleep} between batches, a {@code maxRowsPerSecond} ceiling, and a
 * {@code throttle} condition that holds the walk, backing off, while it returns true. Stop checks
 * still run while it waits.
 */
public final class Throttle {

    private final BatchOptions options;
    private final Consumer<String> stopCheck;
    private final MigrationListener listener;
    private final String version;
    private final long startedNanos = System.nanoTime();
    private long rows;
    private boolean first = true;

    Throttle(BatchOptions options, Consumer<String> stopCheck, MigrationListener listener, String version) {
        this.options = options;
        this.stopCheck = stopCheck;
        this.listener = listener;
        this.version = version;
    }

    void beforeBatch(String where) {
        if (!first && options.sleep() != null) {
            sleep(options.sleep().toMillis());
        }
        first = false;
        Closure<?> condition = options.throttle();
        Backoff.Pauses pauses = Backoff.THROTTLE.pauses();
        boolean told = false;
        while (condition != null && DefaultTypeTransformation.castToBoolean(condition.call())) {
            if (!told) {
                listener.onScriptLog(version, "info", "throttled " + where + "; waiting while the throttle condition holds");
                told = true;
            }
            sleep(pauses.next());
            stopCheck.accept(where);
        }
    }

    void afterBatch(long batchRows) {
        rows += batchRows;
        if (options.maxRowsPerSecond() != null && options.maxRowsPerSecond() > 0) {
            double due = rows / options.maxRowsPerSecond() * 1000;
            double elapsed = (System.nanoTime() - startedNanos) / 1e6;
            if (due > elapsed) {
                sleep((long) (due - elapsed));
            }
        }
    }

    /** Rows per second over this run of the walk. */
    double rowsPerSecond() {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return seconds <= 0 ? 0 : rows / seconds;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
