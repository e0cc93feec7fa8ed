package io.migrun.internal.walk;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a migration's log row records the rows its walks left unchanged under {@code onError: 'skip'}:
 * as {@code skippedRows} beside what {@code up} returned. Added to a returned map (unless it has that
 * key already), alone when {@code up} returned nothing, else next to the value as {@code result}.
 */
public final class SkippedRows {

    static final String KEY = "skippedRows";

    private SkippedRows() {
    }

    public static Object inResult(Object value, long skipped) {
        if (skipped == 0) {
            return value;
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m && !m.containsKey(KEY)) {
            out.putAll(m);
        } else if (value != null) {
            out.put("result", value);
        }
        out.put(KEY, skipped);
        return out;
    }
}
