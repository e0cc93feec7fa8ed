package io.migrun.cli;

import picocli.CommandLine.Option;

import java.util.Map;

/** The lock guard's options, on the commands that run migration scripts (up, down, cleanup, run). */
final class LockGuardOptions {

    @Option(names = "--ddl-lock-timeout", paramLabel = "DURATION", description = "lock_timeout of every migration statement, e.g. 5s; 0 turns the lock guard off (default: 5s; env MIGRUN_DDL_LOCK_TIMEOUT).")
    String ddlLockTimeout;

    @Option(names = "--lock-retries", paramLabel = "N", description = "How many times a migration that timed out on a lock is tried again (default: 5; env MIGRUN_LOCK_RETRIES).")
    String lockRetries;

    @Option(names = "--lock-retry-time", paramLabel = "DURATION", description = "The most time one migration's lock retries take, e.g. 2m (default: 2m; env MIGRUN_LOCK_RETRY_TIME).")
    String lockRetryTime;

    /** Adds the options given to {@code flags}, keyed as in {@code migrun.yml}. */
    void addTo(Map<String, String> flags) {
        flags.put("ddlLockTimeout", ddlLockTimeout);
        flags.put("lockRetries", lockRetries);
        flags.put("lockRetryTime", lockRetryTime);
    }
}
