package io.migrun.helper;

import io.migrun.internal.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Walks a table or a query in key order, a batch at a time, with keyset pagination
 * ({@code WHERE (key) > (last) ORDER BY key LIMIT n}; never OFFSET), so every batch costs the same
 * however far the walk has gone, rows inserted above the cursor are still reached, and rows
 * deleted meanwhile are simply not there. The key may be composite. Not thread-safe.
 */
public final class Keyset {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final String source;
    private final boolean table;
    /** As given until {@link #start} finds each key's own name. */
    private List<String> keys;
    private final String where;
    private final int batchSize;

    /**
     * @param source    a table name ({@code messages}, {@code app.messages}) or a SELECT
     * @param keys      the unique, orderable key columns
     * @param where     a condition on the rows, or null
     * @param batchSize rows per batch, at least 1
     */
    public Keyset(String source, List<String> keys, String where, int batchSize) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a keyset walk needs at least one key column");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        this.source = source.trim();
        this.table = TABLE.matcher(this.source).matches();
        this.keys = List.copyOf(keys);
        this.where = where;
        this.batchSize = batchSize;
    }

    public boolean isTable() {
        return table;
    }

    public String source() {
        return source;
    }

    private String from() {
        return table ? source : "(" + source + ") AS src";
    }

    private String keyList() {
        return keys.stream().map(Keyset::quote).collect(Collectors.joining(", "));
    }

    /**
     * Checks before the first batch that the key columns exist, can be ordered and, for a table,
     * are covered by a unique index or primary key. Returns a cursor that stands before every row.
     *
     * @throws KeysetException naming the problem and the fix
     */
    public Cursor start(Connection c) throws SQLException {
        keys = columnNames(c);
        List<String> types = new ArrayList<>();
        String probe = "SELECT " + keyList() + " FROM " + from() + " ORDER BY " + keyList() + " LIMIT 0";
        try (PreparedStatement ps = c.prepareStatement(probe); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                types.add(castable(md.getColumnTypeName(i)));
            }
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.equals("42703")) {
                throw new KeysetException("The key " + keys + " is not a column of " + source + ": " + firstLine(e.getMessage())
                        + ". Name the key with key: 'column'.");
            }
            if (state.equals("42883") || state.equals("42804")) {
                throw new KeysetException("The key " + keys + " of " + source + " cannot be ordered: " + firstLine(e.getMessage())
                        + ". Walk by a unique key of an orderable type (integer, text, uuid, timestamp).");
            }
            throw e;
        }
        if (table && !hasUniqueIndex(c)) {
            throw new KeysetException("The key " + keys + " of " + source + " is not known to be unique: no primary key or unique index covers exactly "
                    + keys + ". A keyset walk over a non-unique key would skip rows. Use the primary key, or add a unique index.");
        }
        return new Cursor(keys, types, Collections.nCopies(keys.size(), null));
    }

    /**
     * Each key as the source names its column: the exact name, else the one column equal to it
     * ignoring case ({@code key: 'userid'} finds {@code "userId"}, as rows find their columns). A key
     * matching no column is left as given, for the probe in {@link #start} to report.
     */
    private List<String> columnNames(Connection c) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + from() + " LIMIT 0"); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnLabel(i));
            }
        }
        List<String> named = new ArrayList<>();
        for (String key : keys) {
            List<String> alike = columns.stream().filter(key::equalsIgnoreCase).toList();
            named.add(columns.contains(key) || alike.size() != 1 ? key : alike.get(0));
        }
        return named;
    }

    /** pgjdbc names the type of a serial column after its default; the cast needs the integer type underneath. */
    private static String castable(String typeName) {
        return switch (typeName) {
            case "serial" -> "int4";
            case "bigserial" -> "int8";
            case "smallserial" -> "int2";
            default -> typeName;
        };
    }

    private boolean hasUniqueIndex(Connection c) throws SQLException {
        String sql = "SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_index i "
                + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) "
                + "WHERE i.indrelid = ?::regclass AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL GROUP BY i.indexrelid";
        List<String> wanted = keys.stream().sorted().toList();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> cols = List.of((String[]) rs.getArray(1).getArray());
                    if (cols.equals(wanted)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The next batch after {@code after}; empty when the walk is done. */
    public Page next(Connection c, Cursor after) throws SQLException {
        Query ahead = ahead("*", after);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<List<String>> keyValues = new ArrayList<>();
        read(c, ahead.sql() + " ORDER BY " + keyList() + " LIMIT " + batchSize, ahead.params(), rows, keyValues);
        Cursor cursor = rows.isEmpty() ? after : after.withValues(keyValues.get(keyValues.size() - 1));
        if (!table && rows.size() == batchSize && duplicated(c, cursor)) {
            throw new KeysetException("The key " + keys + " is not unique in the query: more than one row has " + cursor.describe()
                    + ". A keyset walk over a non-unique key would skip rows; add columns to key: until it is unique.");
        }
        return new Page(rows, keyValues, cursor);
    }

    /** A statement and its text parameters, in order. */
    public record Query(String sql, List<String> params) {
    }

    /** {@code SELECT what} over the rows after {@code after} that meet the walk's condition, for reading, counting or estimating them. */
    public Query ahead(String what, Cursor after) {
        boolean first = after.values().stream().allMatch(v -> v == null);
        List<String> conditions = new ArrayList<>();
        if (where != null && !where.isBlank()) {
            conditions.add("(" + where + ")");
        }
        if (!first) {
            conditions.add("(" + keyList() + ") > (" + casts(after) + ")");
        }
        return new Query("SELECT " + what + " FROM " + from() + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions)),
                first ? List.of() : after.values());
    }

    /** The row with exactly the key {@code at}, as a page of one row, or an empty page when it is gone or no longer meets the walk's condition. */
    public Page at(Connection c, Cursor at) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<List<String>> keyValues = new ArrayList<>();
        read(c, "SELECT * FROM " + from() + " WHERE (" + keyList() + ") = (" + casts(at) + ")"
                + (where == null || where.isBlank() ? "" : " AND (" + where + ")"), at.values(), rows, keyValues);
        return new Page(rows, keyValues, at);
    }

    /** Runs {@code sql} with text parameters and collects each row (a {@link Row}, columns by label) and its key as text. */
    private void read(Connection c, String sql, List<String> params, List<Map<String, Object>> rows, List<List<String>> keyValues) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                String[] labels = new String[n + 1];
                for (int i = 1; i <= n; i++) {
                    labels[i] = md.getColumnLabel(i);
                }
                Row.Names names = new Row.Names(Arrays.copyOfRange(labels, 1, n + 1));
                int[] keyIndex = keyIndexes(md);
                boolean[] json = new boolean[n + 1];
                for (int i = 1; i <= n; i++) {
                    json[i] = md.getColumnTypeName(i).equals("jsonb") || md.getColumnTypeName(i).equals("json");
                }
                while (rs.next()) {
                    Row row = new Row(names);
                    for (int i = 1; i <= n; i++) {
                        row.fill(labels[i], json[i] ? Json.fromColumn(rs.getObject(i)) : rs.getObject(i));
                    }
                    List<String> key = new ArrayList<>(keyIndex.length);
                    for (int k : keyIndex) {
                        key.add(rs.getString(k));
                    }
                    rows.add(row);
                    keyValues.add(key);
                }
            }
        }
    }

    private boolean duplicated(Connection c, Cursor at) throws SQLException {
        String sql = "SELECT count(*) FROM (SELECT 1 FROM " + from() + " WHERE (" + keyList() + ") = (" + casts(at) + ") LIMIT 2) d";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < at.values().size(); i++) {
                ps.setString(i + 1, at.values().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 1;
            }
        }
    }

    private int[] keyIndexes(ResultSetMetaData md) throws SQLException {
        int[] out = new int[keys.size()];
        for (int k = 0; k < keys.size(); k++) {
            for (int i = 1; i <= md.getColumnCount(); i++) {
                if (md.getColumnLabel(i).equals(keys.get(k))) {
                    out[k] = i;
                }
            }
        }
        return out;
    }

    private static String casts(Cursor c) {
        return c.types().stream().map(t -> "?::" + t).collect(Collectors.joining(", "));
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }
}
