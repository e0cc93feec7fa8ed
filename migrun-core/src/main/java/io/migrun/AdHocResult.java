package io.migrun;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code migrun run} did. Immutable.
 *
 * @param script     the script's name
 * @param args       its arguments, secrets masked
 * @param result     what its {@code run} block returned, as JSON, or null
 * @param durationMs how long it ran
 * @param skipped    why it did not run ({@code --once} found an earlier success), or null
 * @param dryRun     what a dry run changed before it was rolled back, or null for a real run
 */
public record AdHocResult(String script, Map<String, Object> args, String result, long durationMs, String skipped, DryRunResult dryRun) {
    public AdHocResult {
        args = args == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }
}
