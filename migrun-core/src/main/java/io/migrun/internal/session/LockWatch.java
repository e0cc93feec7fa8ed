package io.migrun.internal.session;

import io.migrun.internal.history.Blocker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Looks, while a run's statements work, at who blocks the work connection: after a statement gave up
 * waiting for a lock its waiting is over and {@code pg_blocking_pids} says nothing any more, so the
 * blockers are sampled during the wait, every half lock timeout (10 ms to 1 s), which sees any wait
 * that lasts the whole timeout at least once. Keeps the latest sample that found blockers, with its time.
 * One daemon thread, ended by {@link #close}; {@link #recent} is safe from any thread.
 */
final class LockWatch implements AutoCloseable {

    private record Sample(long atNanos, List<Blocker> blockers) {
    }

    private final ScheduledExecutorService timer;
    private final Duration timeout;
    private final Duration period;
    private volatile Sample last;

    private LockWatch(Supplier<List<Blocker>> blockers, Duration timeout) {
        this.timeout = timeout;
        this.period = Duration.ofMillis(Math.max(10, Math.min(1000, timeout.toMillis() / 2)));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "migrun-lock-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            List<Blocker> now = blockers.get();
            if (!now.isEmpty()) {
                last = new Sample(System.nanoTime(), List.copyOf(now));
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts sampling {@code blockers} (of the work connection) for statements that wait up to {@code timeout}. */
    static LockWatch start(Supplier<List<Blocker>> blockers, Duration timeout) {
        return new LockWatch(blockers, timeout);
    }

    /** How often it looks. */
    Duration period() {
        return period;
    }

    /** The blockers seen during the wait that just ended (within one lock timeout and a period of now), or none; forgets them. */
    List<Blocker> recent() {
        Sample s = last;
        last = null;
        long window = timeout.plus(period).plus(period).toNanos();
        return s == null || System.nanoTime() - s.atNanos() > window ? List.of() : s.blockers();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
