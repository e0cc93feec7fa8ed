package io.migrun.helper;

import io.migrun.MigrunException;
import io.migrun.TableBackup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies of tables taken before a migration changes them: {@code _backup_<table>_v<version>} in
 * the table's schema, marked by a table comment that says what it copies and when. A backup is
 * taken once: when the copy exists (a resumed or retried run), it is kept as it is. Stateless.
 */
public final class Backups {

    private static final Pattern TABLE = Pattern.compile("(?:([A-Za-z_][A-Za-z0-9_]*)\\.)?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern COMMENT = Pattern.compile("migrun backup of (\\S+) for V(\\S+) taken (\\S+)");
    private static final int MAX_IDENTIFIER = 63;

    private Backups() {
    }

    /** The name the backup of {@code table} for {@code version} has, schema-qualified when {@code table} is. */
    public static String nameOf(String table, String version) {
        Matcher m = TABLE.matcher(table == null ? "" : table);
        if (!m.matches()) {
            throw new IllegalArgumentException("backup needs a table name such as 'users' or 'public.users', got '" + table + "'");
        }
        String name = ("_backup_" + m.group(2) + "_v" + version.replace('.', '_')).toLowerCase(Locale.ROOT);
        if (name.length() > MAX_IDENTIFIER) {
            throw new IllegalArgumentException("the backup of '" + table + "' would be named " + name + ", longer than PostgreSQL's "
                    + MAX_IDENTIFIER + " characters; copy it yourself with CREATE TABLE … AS under a shorter name");
        }
        return m.group(1) == null ? name : m.group(1).toLowerCase(Locale.ROOT) + "." + name;
    }

    /**
     * Copies {@code table} (the rows {@code where} selects, or all) into its backup unless that
     * exists, and returns the backup's name. Runs on {@code c} inside whatever transaction it has.
     */
    public static String create(Connection c, String table, String where, String version) {
        String name = nameOf(table, version);
        try (Statement s = c.createStatement()) {
            if (exists(c, name)) {
                return name;
            }
            s.execute("CREATE TABLE " + name + " AS SELECT * FROM " + table + (where == null ? "" : " WHERE " + where));
            s.execute("COMMENT ON TABLE " + name + " IS 'migrun backup of " + table.toLowerCase(Locale.ROOT) + " for V" + version
                    + " taken " + Instant.now() + (where == null ? "" : " where " + where.replace("'", "''")) + "'");
            return name;
        } catch (SQLException e) {
            throw new MigrunException("backup of " + table + " failed: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Every backup in the database, oldest first. */
    public static List<TableBackup> list(Connection c) {
        String sql = "SELECT n.nspname || '.' || t.relname, obj_description(t.oid, 'pg_class'), "
                + "greatest(t.reltuples, 0)::bigint, pg_total_relation_size(t.oid), t.reltuples < 0 "
                + "FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace "
                + "WHERE t.relkind = 'r' AND t.relname LIKE '\\_backup\\_%' AND obj_description(t.oid, 'pg_class') LIKE 'migrun backup of %'";
        List<TableBackup> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Matcher m = COMMENT.matcher(rs.getString(2));
                if (m.lookingAt()) {
                    long rows = rs.getBoolean(5) ? exactCount(c, rs.getString(1)) : rs.getLong(3);
                    out.add(new TableBackup(rs.getString(1), m.group(1), m.group(2), Instant.parse(m.group(3)), rows, rs.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw new MigrunException("Cannot list the backups: " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(TableBackup::takenAt));
        return out;
    }

    private static long exactCount(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Drops the backups taken more than {@code age} before {@code now}; returns them. */
    public static List<TableBackup> dropOlderThan(Connection c, Duration age, Instant now) {
        List<TableBackup> dropped = new ArrayList<>();
        for (TableBackup b : list(c)) {
            if (b.takenAt().isBefore(now.minus(age))) {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE " + b.table());
                } catch (SQLException e) {
                    throw new MigrunException("Cannot drop the backup " + b.table() + ": " + e.getMessage(), e);
                }
                dropped.add(b);
            }
        }
        return dropped;
    }
}
