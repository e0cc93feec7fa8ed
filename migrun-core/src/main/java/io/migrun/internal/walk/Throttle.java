package io.migrun.internal.walk;

import groovy.lang.Closure;
import io.migrun.MigrationListener;
import io.migrun.internal.retry.Backoff;
import io.migrun.internal.walk.WalkOutcome.Stopped;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

import java.util.Optional;
import java.util.function.Function;

/**
 * Paces a walk: a fixed {@code sleep} between batches, a {@code maxRowsPerSecond} ceiling, and a
 * {@code throttle} condition that holds the walk, backing off ({@link Backoff#THROTTLE}), while it
 * returns true. Stop checks still run while it waits.
 */
public final class Throttle {

    private final BatchOptions options;
    private final Function<String, Optional<Stopped>> stopCheck;
    private final MigrationListener listener;
    private final String version;
    private final long startedNanos = System.nanoTime();
    private long rows;
    private boolean first = true;

    /** @param stopCheck whether the walk must stop where it is (e.g. "at id=5000") */
    Throttle(BatchOptions options, Function<String, Optional<Stopped>> stopCheck, MigrationListener listener, String version) {
        this.options = options;
        this.stopCheck = stopCheck;
        this.listener = listener;
        this.version = version;
    }

    /** Waits as the options ask before the batch at {@code where}; a stop asked for meanwhile ends the wait. */
    Optional<Stopped> beforeBatch(String where) {
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
            Optional<Stopped> stop = stopCheck.apply(where);
            if (stop.isPresent()) {
                return stop;
            }
        }
        return Optional.empty();
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
