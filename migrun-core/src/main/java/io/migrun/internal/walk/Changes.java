package io.migrun.internal.walk;

import io.migrun.MigrunException;

import java.util.Map;

/** What a backfill block returned for one row: the columns to write, or null to leave the row. */
public final class Changes {

    private Changes() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> of(Object out) {
        if (out == null) {
            return null;
        }
        if (out instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new MigrunException("a backfill block returns a map of the columns to write (or null to leave the row), not a " + out.getClass().getName());
    }
}
