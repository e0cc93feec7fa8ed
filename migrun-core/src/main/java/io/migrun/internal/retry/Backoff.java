package io.migrun.internal.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a retry or poll loop waits before its next try: {@code first} before the first retry,
 * doubling with each one up to {@code max}; with {@code jitter}, a random pause between half of that
 * and all of it, so that many clients failing together do not come back together. Every loop in
 * migrun that waits to try again takes one of the named policies below, so their pauses are stated
 * in one place. Immutable and thread-safe.
 *
 * @param first  the pause before the first retry (retry 0)
 * @param max    the longest pause, reached by doubling
 * @param jitter whether a pause is drawn at random from [cap / 2, cap] rather than being the cap
 */
public record Backoff(Duration first, Duration max, boolean jitter) {

    /** A batch or a part of one retried after a serialization failure, a deadlock or a lost connection: 200 ms doubling to 5 s. */
    public static final Backoff BATCH = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), false);

    /** An HTTP call retried after a connection failure, 429 or 5xx without Retry-After: 200 ms doubling to 10 s, with jitter. */
    public static final Backoff HTTP = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), true);

    /**
     * A migration (or a statement of one without a transaction) tried again after it timed out waiting for a
     * lock on a table: 250 ms doubling to 10 s, with jitter, so that the sessions it queued behind get the
     * table between tries and several runners do not come back together.
     */
    public static final Backoff LOCK_RETRY = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10), true);

    /** Polling for the migration lock held by another runner: 50 ms doubling to 1 s. */
    public static final Backoff LOCK_POLL = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1), false);

    /** Polling until an ended database session is gone: 20 ms doubling to 0.5 s. */
    public static final Backoff SESSION_WAIT = new Backoff(Duration.ofMillis(20), Duration.ofMillis(500), false);

    /** Asking a walk's throttle condition again while it holds: 1 s doubling to 30 s. */
    public static final Backoff THROTTLE = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), false);

    /** Trying again to connect to a database that does not accept connections yet ({@code migrun wait}): 100 ms doubling to 1 s. */
    public static final Backoff DATABASE_WAIT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), false);

    public Backoff {
        if (first == null || first.toMillis() <= 0) {
            throw new IllegalArgumentException("first must be at least 1 ms, not " + first);
        }
        if (max == null || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("max must be at least first (" + first + "), not " + max);
        }
    }

    /** The longest pause before retry {@code retry} (0 for the first): {@code first} doubled {@code retry} times, at most {@code max}. */
    public long capMillis(int retry) {
        if (retry < 0) {
            throw new IllegalArgumentException("retry counts from 0 for the first retry, not " + retry);
        }
        long start = first.toMillis();
        // Shifting further would overflow; by then every policy is long past its max.
        return Math.min(max.toMillis(), start << Math.min(retry, Long.numberOfLeadingZeros(start) - 1));
    }

    /** The pause before retry {@code retry} (0 for the first): the cap, or with jitter a random value between half the cap and the cap. */
    public long delayMillis(int retry) {
        long cap = capMillis(retry);
        return jitter ? ThreadLocalRandom.current().nextLong(cap / 2, cap + 1) : cap;
    }

    /** The pauses of one loop, one after the other. */
    public Pauses pauses() {
        return new Pauses(this);
    }

    /** The pauses of one poll loop in turn: {@link #next} gives retry 0's, then retry 1's, and so on. Not thread-safe. */
    public static final class Pauses {
        private final Backoff policy;
        private int retry;

        private Pauses(Backoff policy) {
            this.policy = policy;
        }

        /** The pause before the next try, in milliseconds. */
        public long next() {
            long pause = policy.delayMillis(retry);
            if (policy.capMillis(retry) < policy.max().toMillis()) {
                retry++;
            }
            return pause;
        }
    }
}
