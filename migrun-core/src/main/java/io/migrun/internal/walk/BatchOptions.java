package io.migrun.internal.walk;

import groovy.lang.Closure;
import io.migrun.MigrunException;
import io.migrun.config.Durations;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The named options of {@code eachBatch} and {@code backfill}, checked: an unknown or mistyped option is an error that names it. */
public record BatchOptions(List<String> key, int batchSize, String where, String name, boolean skipErrors, boolean exactTotal,
                    Duration sleep, Double maxRowsPerSecond, Closure<?> throttle, boolean prefetch) {

    private static final Set<String> KNOWN = Set.of("key", "batchSize", "where", "name", "onError", "total", "sleep", "maxRowsPerSecond", "throttle", "prefetch");

    static BatchOptions of(String helper, Map<String, Object> options) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw new MigrunException(helper + " has no option " + String.join(", ", unknown) + "; its options are " + String.join(", ", new TreeSet<>(KNOWN)));
        }
        Object key = options.getOrDefault("key", "id");
        List<String> keys = key instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(key));
        int batchSize = options.containsKey("batchSize") ? ((Number) options.get("batchSize")).intValue() : 1000;
        Object onError = options.getOrDefault("onError", "fail");
        if (!onError.equals("fail") && !onError.equals("skip")) {
            throw new MigrunException(helper + " onError: '" + onError + "' is not known; use 'fail' (the default) or 'skip'");
        }
        Object total = options.get("total");
        if (total != null && !total.equals("exact") && !total.equals("estimate")) {
            throw new MigrunException(helper + " total: '" + total + "' is not known; use 'estimate' (the default) or 'exact'");
        }
        Object sleep = options.get("sleep");
        Duration pause = sleep == null ? null : sleep instanceof Number n ? Duration.ofMillis(n.longValue()) : Durations.parse(String.valueOf(sleep));
        Object rate = options.get("maxRowsPerSecond");
        return new BatchOptions(keys, batchSize, options.get("where") == null ? null : String.valueOf(options.get("where")),
                options.get("name") == null ? null : String.valueOf(options.get("name")), onError.equals("skip"), "exact".equals(total),
                pause, rate == null ? null : ((Number) rate).doubleValue(), (Closure<?>) options.get("throttle"),
                !Boolean.FALSE.equals(options.get("prefetch")));
    }
}
