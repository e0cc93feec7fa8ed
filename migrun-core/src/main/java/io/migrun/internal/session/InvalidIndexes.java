package io.migrun.internal.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cleanup after a failed concurrent index build of a statement sent without a transaction: PostgreSQL
 * leaves the index it was building behind, INVALID (never used by queries, yet kept up to date by every
 * write, and in the way of the next attempt by its name). Before such a statement {@link #before} notes the
 * invalid indexes of its name that are already there; after it failed {@link #after} drops those it left,
 * with {@code DROP INDEX CONCURRENTLY}, and tells the listener. Used on the run's thread.
 */
final class InvalidIndexes {

    private static final String COMMENTS = "(?:\\s|--[^\\n]*\\n|/\\*.*?\\*/)*";
    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[\\w$]+)";
    private static final Pattern CREATE = Pattern.compile("(?is)" + COMMENTS
            + "CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:(?!ON\\b)(?:" + NAME + "\\s*\\.\\s*)?(" + NAME + "))?");
    private static final Pattern REINDEX = Pattern.compile("(?is)" + COMMENTS + "REINDEX\\b.*\\bCONCURRENTLY\\b.*");
    /** The suffixes of the new and the old index that a failed REINDEX CONCURRENTLY leaves. */
    private static final String REINDEX_LEFTOVERS = "_cc(new|old)[0-9]*$";

    private final Session session;
    private final String label;
    private String kind;
    private String names;
    private final Set<Long> before = new HashSet<>();
    private final List<String> dropped = new ArrayList<>();

    InvalidIndexes(Session session, String label) {
        this.session = session;
        this.label = label;
    }

    /** Before {@code sql} runs on {@code c} outside a transaction: when it builds an index concurrently, notes the invalid indexes there already. */
    void before(Connection c, String sql) {
        kind = null;
        dropped.clear();
        before.clear();
        Matcher create = CREATE.matcher(sql);
        if (create.lookingAt()) {
            kind = "CREATE INDEX CONCURRENTLY";
            names = create.group(1) == null ? ".*" : "^" + escape(identifier(create.group(1))) + "$";
        } else if (REINDEX.matcher(sql).matches()) {
            kind = "REINDEX CONCURRENTLY";
            names = REINDEX_LEFTOVERS;
        } else {
            return;
        }
        try {
            invalid(c, (oid, schema, name) -> before.add(oid));
        } catch (SQLException e) {
            kind = null; // the statement's own error, if any, tells what is wrong with the connection
        }
    }

    /** After the statement {@link #before} saw failed: drops each invalid index it left and tells the listener. */
    void after(Connection c) {
        if (kind == null) {
            return;
        }
        List<String[]> left = new ArrayList<>();
        try {
            invalid(c, (oid, schema, name) -> {
                if (!before.contains(oid)) {
                    left.add(new String[] {schema, name});
                }
            });
        } catch (SQLException e) {
            return;
        }
        for (String[] index : left) {
            drop(c, index[0], index[1]);
        }
    }

    private void drop(Connection c, String schema, String name) {
        String qualified = schema + "." + name;
        String line = label + ": " + kind + " failed and left the invalid index " + qualified + "; ";
        try (Statement s = c.createStatement()) {
            s.execute(session.dialect().dropIndexConcurrentlySql(schema, name));
            dropped.add(qualified);
            session.listener().onNotice(line + "dropped it (DROP INDEX CONCURRENTLY).");
        } catch (SQLException e) {
            session.listener().onNotice(line + "could not drop it (" + e.getMessage() + "); drop it with DROP INDEX CONCURRENTLY "
                    + qualified + " before running the migration again.");
        }
    }

    /** What the failure adds about the indexes dropped: a line of its own, or nothing. */
    String note() {
        if (dropped.isEmpty()) {
            return "";
        }
        return dropped.size() == 1
                ? "\nThe invalid index it left, " + dropped.get(0) + ", was dropped (DROP INDEX CONCURRENTLY)."
                : "\nThe invalid indexes it left, " + String.join(", ", dropped) + ", were dropped (DROP INDEX CONCURRENTLY).";
    }

    private interface Row {
        void take(long oid, String schema, String name);
    }

    private void invalid(Connection c, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(session.dialect().invalidIndexesSql())) {
            ps.setString(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.take(rs.getLong(1), rs.getString(2), rs.getString(3));
                }
            }
        }
    }

    /** The name PostgreSQL keeps for an identifier as written: a quoted one as it is, another folded to lower case. */
    private static String identifier(String written) {
        return written.startsWith("\"") ? written.substring(1, written.length() - 1).replace("\"\"", "\"") : written.toLowerCase(Locale.ROOT);
    }

    /** {@code text} as a regular expression of PostgreSQL that matches it literally: a backslash before each character not a letter or digit. */
    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(ch -> out.append(Character.isLetterOrDigit(ch) ? "" : "\\").append((char) ch));
        return out.toString();
    }
}
