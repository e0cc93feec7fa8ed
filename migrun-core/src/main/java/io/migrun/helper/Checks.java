package io.migrun.helper;

import io.migrun.MigrunException;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The checks of a {@code verify} block: {@code count}, {@code orphans} and {@code expect}. Each
 * count is remembered, so a failed expectation can show the numbers it was judged on. Inside a
 * verify block expectations are collected and reported together; elsewhere the first failure
 * throws. Not thread-safe: one per run.
 */
public final class Checks {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final Supplier<Connection> connection;
    private final List<String> observed = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> passed = new ArrayList<>();
    private boolean collecting;

    public Checks(Supplier<Connection> connection) {
        this.connection = connection;
    }

    /** The rows of {@code table}. */
    public long count(String table) {
        return count(table, null);
    }

    /** The rows of {@code table} that {@code where} (an SQL condition) selects. */
    public long count(String table, String where) {
        name("count", "table", table);
        long n = single("SELECT count(*) FROM " + table + (where == null ? "" : " WHERE " + where));
        observed.add("count(" + table + (where == null ? "" : " where " + where) + ") = " + n);
        return n;
    }

    /**
     * The rows of {@code child} whose {@code column} is set but names no row of {@code parent}
     * (by {@code parentKey}, default {@code id}).
     */
    public long orphans(String child, String column, String parent, String parentKey) {
        name("orphans", "child", child);
        name("orphans", "column", column);
        name("orphans", "parent", parent);
        name("orphans", "key", parentKey);
        long n = single("SELECT count(*) FROM " + child + " c WHERE c." + column + " IS NOT NULL AND NOT EXISTS "
                + "(SELECT 1 FROM " + parent + " p WHERE p." + parentKey + " = c." + column + ")");
        observed.add("orphans(" + child + "." + column + " -> " + parent + "." + parentKey + ") = " + n);
        return n;
    }

    /** Judges one expectation; returns whether it held. */
    public boolean expect(String description, boolean holds) {
        String seen = observed.isEmpty() ? "" : " (observed: " + String.join(", ", observed) + ")";
        observed.clear();
        if (holds) {
            passed.add(description);
            return true;
        }
        String failure = description + seen;
        if (!collecting) {
            throw new MigrunException("expectation failed: " + failure);
        }
        failures.add(failure);
        return false;
    }

    /** Judges {@code actual} against {@code expected}, saying both when they differ. */
    public boolean expect(String description, Object actual, Object expected) {
        boolean holds = same(actual, expected);
        if (!holds) {
            observed.add("expected " + expected + ", found " + actual);
        }
        return expect(description, holds);
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        return Objects.equals(a, b);
    }

    /** From now on expectations are collected instead of thrown; the engine does this around a verify block. */
    public void collect() {
        collecting = true;
        failures.clear();
        passed.clear();
        observed.clear();
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    public List<String> passed() {
        return List.copyOf(passed);
    }

    private long single(String sql) {
        try (Statement s = connection.get().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new MigrunException(e.getMessage() + " (in: " + sql + ")", e);
        }
    }

    private static void name(String helper, String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(helper + " needs a plain name for " + what + ", such as 'users' or 'public.users', got '" + value + "'");
        }
    }
}
