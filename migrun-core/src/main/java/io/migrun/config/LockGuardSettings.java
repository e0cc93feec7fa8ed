package io.migrun.config;

import io.migrun.ConfigurationException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the lock guard's settings ({@code ddlLockTimeout}, {@code lockRetries}, {@code lockRetryTime}) from the merged layers. Stateless. */
final class LockGuardSettings {

    private LockGuardSettings() {
    }

    /** The settings one layer of {@code migrun.yml} gives, without those it leaves unset. */
    static Map<String, String> values(String ddlLockTimeout, String lockRetries, String lockRetryTime) {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "ddlLockTimeout", ddlLockTimeout);
        put(m, "lockRetries", lockRetries);
        put(m, "lockRetryTime", lockRetryTime);
        return m;
    }

    /** The guard the merged settings describe, the defaults of {@link LockGuard#DEFAULT} for those not set. */
    static LockGuard guard(Map<String, String> values) {
        LockGuard d = LockGuard.DEFAULT;
        Duration timeout = duration(values, "ddlLockTimeout", d.timeout());
        Duration retryTime = duration(values, "lockRetryTime", d.retryTime());
        int retries = d.retries();
        String text = values.get("lockRetries");
        if (text != null) {
            try {
                retries = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new ConfigurationException("Invalid lockRetries '" + text + "': expected a whole number of retries, such as 5 (0 for none).");
            }
        }
        List<String> problems = LockGuard.problems(timeout, retries, retryTime);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid configuration:\n  " + String.join("\n  ", problems));
        }
        return new LockGuard(timeout, retries, retryTime);
    }

    private static Duration duration(Map<String, String> values, String key, Duration otherwise) {
        String text = values.get(key);
        if (text == null) {
            return otherwise;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid " + key + ": " + e.getMessage() + ".");
        }
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
