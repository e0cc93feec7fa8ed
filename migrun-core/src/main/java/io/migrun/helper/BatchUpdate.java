package io.migrun.helper;

import io.migrun.MigrunException;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Writes a batch of per-row changes back to a table in one statement,
 * {@code UPDATE t SET c = v.c::type … FROM unnest(?::text[], …) v WHERE t.key = v.key::type},
 * whatever the batch size: one round trip and no per-row parameter metadata. Values go as text
 * and are cast to each column's type. Not thread-safe.
 */
public final class BatchUpdate {

    private final String table;
    private final List<String> keys;
    private final List<String> keyTypes;
    private final Map<String, String> columnTypes;
    private final Map<String, String> checked = new HashMap<>();

    private BatchUpdate(String table, List<String> keys, List<String> keyTypes, Map<String, String> columnTypes) {
        this.table = table;
        this.keys = keys;
        this.keyTypes = keyTypes;
        this.columnTypes = columnTypes;
    }

    /** Reads the table's column types once. */
    public static BatchUpdate of(Connection c, String table, Cursor keys) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        String sql = "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
                + "WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return new BatchUpdate(table, keys.columns(), keys.types(), types);
    }

    /**
     * Applies the changes: {@code changes.get(i)} maps column names to new values for the row whose
     * key is {@code keys.get(i)}; rows without changes are skipped. Returns the rows updated.
     */
    public int write(Connection c, List<List<String>> keyValues, List<Map<String, Object>> changes) throws SQLException {
        return prepare(keyValues, changes).write(c);
    }

    /**
     * Groups the changes by the columns they set and checks the column names, on the caller's
     * thread; the result can then be written on any thread, once.
     */
    public Prepared prepare(List<List<String>> keyValues, List<Map<String, Object>> changes) {
        return new Prepared(keyValues, group(changes));
    }

    /** A batch of changes whose column names have been checked, ready to write. */
    public final class Prepared {
        private final List<List<String>> keyValues;
        private final Grouped grouped;

        private Prepared(List<List<String>> keyValues, Grouped grouped) {
            this.keyValues = keyValues;
            this.grouped = grouped;
        }

        /** Writes the changes inside {@code c}'s current transaction; returns the rows updated. */
        public int write(Connection c) throws SQLException {
            int updated = 0;
            for (Map.Entry<Set<String>, List<Integer>> group : grouped.byColumns().entrySet()) {
                updated += BatchUpdate.this.write(c, new ArrayList<>(group.getKey()), group.getValue(), keyValues, grouped.normalised(), null, List.of());
            }
            return updated;
        }

        /**
         * Writes the changes and runs {@code then}, committing both together, on {@code c} in
         * autocommit. When every changed row sets the same columns that is one statement (a
         * data-modifying {@code WITH}): one round trip. Otherwise the groups and {@code then} go
         * in a transaction of their own, and {@code c} is back in autocommit afterwards.
         */
        public void commit(Connection c, String then, List<Object> thenParams) throws SQLException {
            Map<Set<String>, List<Integer>> groups = grouped.byColumns();
            if (groups.isEmpty()) {
                thenAlone(c, then, thenParams);
                return;
            }
            if (groups.size() == 1) {
                Map.Entry<Set<String>, List<Integer>> only = groups.entrySet().iterator().next();
                BatchUpdate.this.write(c, new ArrayList<>(only.getKey()), only.getValue(), keyValues, grouped.normalised(), then, thenParams);
                return;
            }
            c.setAutoCommit(false);
            try {
                int left = groups.size();
                for (Map.Entry<Set<String>, List<Integer>> group : groups.entrySet()) {
                    boolean last = --left == 0;
                    BatchUpdate.this.write(c, new ArrayList<>(group.getKey()), group.getValue(), keyValues, grouped.normalised(),
                            last ? then : null, last ? thenParams : List.of());
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // a lost connection rolls back by itself
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private record Grouped(Map<Set<String>, List<Integer>> byColumns, List<Map<String, Object>> normalised) {
    }

    private Grouped group(List<Map<String, Object>> changes) {
        Map<Set<String>, List<Integer>> byColumns = new LinkedHashMap<>();
        List<Map<String, Object>> normalised = new ArrayList<>(changes.size());
        // Rows of one batch nearly always name the same columns in the same order: when a row names
        // exactly the previous row's, it joins that row's group without checking or hashing again.
        Object[] lastNames = null;
        boolean lastClean = false;
        List<Integer> lastGroup = null;
        for (int i = 0; i < changes.size(); i++) {
            Map<String, Object> change = changes.get(i);
            if (change == null || change.isEmpty()) {
                normalised.add(Map.of());
                continue;
            }
            if (lastNames != null && sameNames(change, lastNames)) {
                normalised.add(lastClean ? change : normalise(change));
                lastGroup.add(i);
                continue;
            }
            Map<String, Object> columns = normalise(change);
            normalised.add(columns);
            lastGroup = byColumns.computeIfAbsent(columns.keySet(), k -> new ArrayList<>());
            lastGroup.add(i);
            lastNames = change.keySet().toArray();
            lastClean = columns == change;
        }
        return new Grouped(byColumns, normalised);
    }

    private static boolean sameNames(Map<String, Object> change, Object[] names) {
        if (change.size() != names.length) {
            return false;
        }
        int j = 0;
        for (Object name : change.keySet()) {
            if (!Objects.equals(names[j++], name)) {
                return false;
            }
        }
        return true;
    }

    /** The change with checked column names, as the table spells them; the map itself when its names already are. */
    private Map<String, Object> normalise(Map<String, Object> change) {
        boolean clean = true;
        for (String column : change.keySet()) {
            String name = checked.computeIfAbsent(String.valueOf(column), this::check);
            clean &= name.equals(column);
        }
        if (clean) {
            return change;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        change.forEach((column, value) -> out.put(checked.get(String.valueOf(column)), value));
        return out;
    }

    private int write(Connection c, List<String> columns, List<Integer> rows, List<List<String>> keyValues,
                      List<Map<String, Object>> changes, String then, List<Object> thenParams) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(updateSql(columns, then))) {
            int p = 1;
            for (int k = 0; k < keys.size(); k++) {
                int key = k;
                ps.setArray(p++, integer(keyTypes.get(k))
                        ? c.createArrayOf("int8", rows.stream().map(r -> Long.valueOf(keyValues.get(r).get(key))).toArray(Long[]::new))
                        : array(c, rows.stream().map(r -> keyValues.get(r).get(key)).toArray(String[]::new)));
            }
            for (String column : columns) {
                ps.setArray(p++, array(c, rows.stream().map(r -> PgText.of(changes.get(r).get(column))).toArray(String[]::new)));
            }
            for (Object param : thenParams) {
                ps.setObject(p++, param);
            }
            return ps.executeUpdate();
        }
    }

    /** One UPDATE … FROM unnest(key arrays…, column arrays…) for the whole batch, with {@code then} after it when given. */
    private String updateSql(List<String> columns, String then) {
        List<String> names = new ArrayList<>();
        List<String> arrays = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            names.add("k" + k);
            arrays.add(integer(keyTypes.get(k)) ? "?::int8[]" : "?::text[]");
        }
        for (int j = 0; j < columns.size(); j++) {
            names.add("c" + j);
            arrays.add("?::text[]");
        }
        String set = IntStream.range(0, columns.size())
                .mapToObj(j -> Keyset.quote(columns.get(j)) + " = v.c" + j + "::" + columnTypes.get(columns.get(j)))
                .collect(Collectors.joining(", "));
        String left = keys.stream().map(k -> "t." + Keyset.quote(k)).collect(Collectors.joining(", "));
        String right = IntStream.range(0, keys.size()).mapToObj(k -> "v.k" + k + "::" + keyTypes.get(k))
                .collect(Collectors.joining(", "));
        String sql = "UPDATE " + table + " AS t SET " + set + " FROM unnest(" + String.join(", ", arrays) + ") AS v(" + String.join(", ", names) + ") "
                + "WHERE (" + left + ") = (" + right + ")";
        return then == null ? sql : "WITH written AS (" + sql + " RETURNING 1) " + then;
    }

    /** A batch that changes no row: only {@code then} runs. */
    private static void thenAlone(Connection c, String then, List<Object> thenParams) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(then)) {
            int p = 1;
            for (Object param : thenParams) {
                ps.setObject(p++, param);
            }
            ps.execute();
        }
    }

    /** Integer keys travel as a typed array: no text to parse and cast on the server for every row. */
    private static boolean integer(String type) {
        return type.equals("int8") || type.equals("int4") || type.equals("int2");
    }

    private static Array array(Connection c, String[] values) throws SQLException {
        return c.createArrayOf("text", values);
    }

    /** The table's own name for {@code column}: the exact name, else the one column equal to it ignoring case, as rows find them. */
    private String check(String column) {
        List<String> alike = columnTypes.keySet().stream().filter(column::equalsIgnoreCase).toList();
        String name = columnTypes.containsKey(column) ? column : alike.size() == 1 ? alike.get(0) : null;
        if (name == null && !alike.isEmpty()) {
            throw new MigrunException("the row's changes name column '" + column + "', which matches several columns of " + table
                    + " that differ only in letter case (" + String.join(", ", alike) + "); name one exactly");
        }
        if (name == null) {
            throw new MigrunException("the row's changes name column '" + column + "', which " + table
                    + " does not have (its columns: " + String.join(", ", new TreeSet<>(columnTypes.keySet())) + ")");
        }
        if (keys.contains(name)) {
            throw new MigrunException("the row's changes include the key column '" + column + "'; a backfill cannot change the key it walks by");
        }
        return name;
    }
}
