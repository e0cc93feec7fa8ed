package io.migrun.internal.walk;

import io.migrun.MigrunException;
import io.migrun.helper.Cursor;
import io.migrun.helper.Keyset;
import io.migrun.helper.Page;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code paginate}: one keyset page for scripts that loop themselves; no checkpoint is kept. */
public final class Paging {

    private Paging() {
    }

    static Map<String, Object> page(Connection c, Map<String, Object> options, String query) {
        Object key = options.getOrDefault("key", "id");
        List<String> keys = key instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(key));
        int size = options.containsKey("size") ? ((Number) options.get("size")).intValue() : 100;
        Keyset keyset = new Keyset(query, keys, null, size);
        try {
            Cursor start = keyset.start(c);
            Object given = options.get("cursor");
            Cursor after = given == null ? start : start.withValues(textList(given));
            Page page = keyset.next(c, after);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("rows", page.rows());
            out.put("cursor", page.isEmpty() ? given : (keys.size() == 1 ? page.cursor().values().get(0) : page.cursor().values()));
            out.put("done", page.rows().size() < size);
            return out;
        } catch (SQLException e) {
            throw new MigrunException("paginate failed: " + e.getMessage(), e);
        }
    }

    private static List<String> textList(Object given) {
        if (given instanceof List<?> l) {
            return l.stream().map(v -> v == null ? null : String.valueOf(v)).toList();
        }
        return Collections.singletonList(String.valueOf(given));
    }
}
