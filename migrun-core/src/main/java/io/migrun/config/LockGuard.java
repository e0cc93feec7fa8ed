package io.migrun.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The lock guard of migration statements: each runs with PostgreSQL's {@code lock_timeout} set to
 * {@code timeout}, so an {@code ALTER TABLE} that waits behind a long transaction gives up after it
 * instead of queueing every later query on the table behind itself; a migration that gave up is
 * tried again (a transactional one as a whole, a {@code transaction false} SQL file's statement alone)
 * up to {@code retries} more times within {@code retryTime}. Not migrun's own migration lock,
 * which {@link MigrunConfig#lockTimeout()} bounds. Immutable.
 *
 * @param timeout   the {@code lock_timeout} of migration statements; zero turns the guard (and its retries) off
 * @param retries   how many times a migration that gave up waiting for a lock is tried again; zero for none
 * @param retryTime the most time spent on one migration's attempts, pauses included; no retry starts after it
 */
public record LockGuard(Duration timeout, int retries, Duration retryTime) {

    /**
     * 5 s: longer than the ordinary short transactions of an application, so a migration rarely gives
     * up for nothing, yet short enough that the queries queued behind its wait stay within the usual
     * request timeouts; 5 retries within 2 minutes ride out a long report or a batch job.
     */
    public static final LockGuard DEFAULT = new LockGuard(Duration.ofSeconds(5), 5, Duration.ofMinutes(2));

    public LockGuard {
        List<String> problems = problems(timeout, retries, retryTime);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** What is wrong with these values, worded for the settings, or nothing. */
    static List<String> problems(Duration timeout, int retries, Duration retryTime) {
        List<String> problems = new ArrayList<>();
        if (timeout == null || timeout.isNegative()) {
            problems.add("ddlLockTimeout must be zero (off) or more, such as 5s");
        }
        if (retries < 0) {
            problems.add("lockRetries must be zero or more, such as 5, not " + retries);
        }
        if (retryTime == null || retryTime.isNegative()) {
            problems.add("lockRetryTime must be zero or more, such as 2m");
        }
        return problems;
    }

    /** Whether statements run with a lock timeout. */
    public boolean on() {
        return !timeout.isZero();
    }

    /** This guard with another timeout, as a migration that declares its own asks. */
    public LockGuard withTimeout(Duration value) {
        return new LockGuard(value, retries, retryTime);
    }
}
