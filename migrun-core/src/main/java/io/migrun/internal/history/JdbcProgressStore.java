package io.migrun.internal.history;

import io.migrun.MigrunException;
import io.migrun.RowError;
import io.migrun.config.SecretMask;
import io.migrun.internal.dialect.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checkpoints, requests and row errors over plain JDBC. Known secrets are masked in row errors;
 * steps, cursors and row keys are stored as they are, since resuming and retrying read them back
 * to find rows. Stateless apart from names; thread-safe.
 */
public final class JdbcProgressStore implements ProgressStore {

    private static final String CHECKPOINT_COLUMNS = "version, step, key_range, kind, state, cursor::text, processed, failed, batches, "
            + "total, total_estimated, rows_per_second, started_at, updated_at, finished_at, runner";

    private final Dialect dialect;
    private final LogTables tables;
    private final String runner;
    private final SecretMask mask;

    /** @param mask the secrets masked in row errors */
    public JdbcProgressStore(Dialect dialect, LogTables tables, String runner, SecretMask mask) {
        this.dialect = dialect;
        this.tables = tables;
        this.runner = runner;
        this.mask = mask;
    }

    @Override
    public List<Checkpoint> checkpoints(Connection c, String version) {
        return queryCheckpoints(c, "SELECT " + CHECKPOINT_COLUMNS + " FROM " + tables.checkpoints()
                + " WHERE version = ? ORDER BY started_at, step", version);
    }

    @Override
    public List<Checkpoint> allCheckpoints(Connection c) {
        if (!exists(c, tables.checkpoints())) {
            return List.of();
        }
        return queryCheckpoints(c, "SELECT " + CHECKPOINT_COLUMNS + " FROM " + tables.checkpoints() + " ORDER BY started_at, step", null);
    }

    private List<Checkpoint> queryCheckpoints(Connection c, String sql, String version) {
        List<Checkpoint> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (version != null) {
                ps.setString(1, version);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw fail("read checkpoints from " + tables.checkpoints(), e);
        }
        return out;
    }

    @Override
    public Checkpoint begin(Connection c, String version, String step, String kind, Long total, boolean estimated) {
        String sql = "INSERT INTO " + tables.checkpoints() + " AS cp (version, step, kind, state, total, total_estimated, runner) "
                + "VALUES (?, ?, ?, 'running', ?, ?, current_user || ' on ' || ?) "
                + "ON CONFLICT (version, step, key_range) DO UPDATE SET runner = EXCLUDED.runner, updated_at = now(), "
                + "total = coalesce(EXCLUDED.total, cp.total), total_estimated = EXCLUDED.total_estimated RETURNING " + CHECKPOINT_COLUMNS;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, version);
            ps.setString(2, step);
            ps.setString(3, kind);
            if (total == null) {
                ps.setNull(4, Types.BIGINT);
            } else {
                ps.setLong(4, total);
            }
            ps.setBoolean(5, estimated);
            ps.setString(6, runner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return read(rs);
            }
        } catch (SQLException e) {
            throw fail("start the checkpoint of " + step, e);
        }
    }

    @Override
    public void advance(Connection c, String version, String step, String cursorJson, long processed, long failed, Double rowsPerSecond) {
        Statement s = advanceStatement(version, step, cursorJson, processed, failed, rowsPerSecond);
        update(c, s.sql(), "advance the checkpoint of " + step, s.params().toArray());
    }

    @Override
    public Statement advanceStatement(String version, String step, String cursorJson, long processed, long failed, Double rowsPerSecond) {
        return new Statement("UPDATE " + tables.checkpoints() + " SET cursor = ?::jsonb, processed = processed + ?, failed = failed + ?, "
                + "batches = batches + 1, rows_per_second = coalesce(?::float8, rows_per_second), updated_at = now() WHERE version = ? AND step = ? AND key_range = ''",
                Arrays.asList(cursorJson, processed, failed, rowsPerSecond, version, step));
    }

    @Override
    public void total(Connection c, String version, String step, Long total, boolean estimated) {
        update(c, "UPDATE " + tables.checkpoints() + " SET total = ?, total_estimated = ?, updated_at = now() WHERE version = ? AND step = ? AND key_range = ''",
                "record the total of " + step, total, estimated, version, step);
    }

    @Override
    public void finish(Connection c, String version, String step) {
        update(c, "UPDATE " + tables.checkpoints() + " SET state = 'done', finished_at = now(), updated_at = now() "
                + "WHERE version = ? AND step = ? AND key_range = ''", "finish the checkpoint of " + step, version, step);
    }

    @Override
    public List<Control> controls(Connection c) {
        if (!exists(c, tables.control())) {
            return List.of();
        }
        return readControls(c, "SELECT version, request, requested_at, requested_by FROM " + tables.control() + " ORDER BY version", null);
    }

    @Override
    public Optional<Control> control(Connection c, String version) {
        return readControls(c, "SELECT version, request, requested_at, requested_by FROM " + tables.control() + " WHERE version = ?", version)
                .stream().findFirst();
    }

    private List<Control> readControls(Connection c, String sql, String version) {
        List<Control> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (version != null) {
                ps.setString(1, version);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Control(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw fail("read requests from " + tables.control(), e);
        }
        return out;
    }

    @Override
    public void request(Connection c, String version, String request, String requestedBy) {
        update(c, "INSERT INTO " + tables.control() + " (version, request, requested_by) VALUES (?, ?, current_user || ' on ' || ?) "
                + "ON CONFLICT (version) DO UPDATE SET request = EXCLUDED.request, requested_at = now(), requested_by = EXCLUDED.requested_by",
                "record the request to " + request + " V" + version, version, request, requestedBy);
    }

    @Override
    public void clearRequest(Connection c, String version) {
        update(c, "DELETE FROM " + tables.control() + " WHERE version = ?", "clear the request for V" + version, version);
    }

    @Override
    public void forget(Connection c, String version) {
        update(c, "DELETE FROM " + tables.checkpoints() + " WHERE version = ?", "forget the checkpoints of V" + version, version);
        update(c, "DELETE FROM " + tables.errors() + " WHERE version = ?", "forget the failed rows of V" + version, version);
        clearRequest(c, version);
    }

    @Override
    public void recordError(Connection c, String version, String step, String keyJson, String error) {
        update(c, "INSERT INTO " + tables.errors() + " (version, step, row_key, error) VALUES (?, ?, ?::jsonb, ?)",
                "record a failed row of V" + version, version, step, keyJson, mask.mask(error));
    }

    @Override
    public List<RowError> errors(Connection c, String version) {
        List<RowError> out = new ArrayList<>();
        if (!exists(c, tables.errors())) {
            return out;
        }
        String sql = "SELECT id, version, step, row_key::text, error, occurred_at FROM " + tables.errors()
                + " WHERE version = ? AND resolved_at IS NULL ORDER BY id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RowError(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), instant(rs.getTimestamp(6))));
                }
            }
        } catch (SQLException e) {
            throw fail("read failed rows from " + tables.errors(), e);
        }
        return out;
    }

    @Override
    public void settleError(Connection c, long id, String errorOrNull) {
        if (errorOrNull == null) {
            // The row now counts as processed in its walk's checkpoint, no longer as failed.
            update(c, "WITH resolved AS (UPDATE " + tables.errors() + " SET resolved_at = now() WHERE id = ? AND resolved_at IS NULL RETURNING version, step) "
                    + "UPDATE " + tables.checkpoints() + " cp SET failed = greatest(cp.failed - 1, 0), processed = cp.processed + 1, updated_at = now() "
                    + "FROM resolved r WHERE cp.version = r.version AND cp.step = r.step AND cp.key_range = ''", "resolve failed row " + id, id);
        } else {
            update(c, "UPDATE " + tables.errors() + " SET error = ?, occurred_at = now() WHERE id = ?", "record failed row " + id, mask.mask(errorOrNull), id);
        }
    }

    private boolean exists(Connection c, String table) {
        try (PreparedStatement ps = c.prepareStatement(dialect.tableExistsSql())) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw fail("look for " + table, e);
        }
    }

    private static void update(Connection c, String sql, String what, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw fail(what, e);
        }
    }

    /** A checkpoint from a row of {@link #CHECKPOINT_COLUMNS}. */
    private static Checkpoint read(ResultSet rs) throws SQLException {
        long total = rs.getLong(10);
        Long totalOrNull = rs.wasNull() ? null : total;
        double rate = rs.getDouble(12);
        Double rateOrNull = rs.wasNull() ? null : rate;
        return new Checkpoint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), totalOrNull, rs.getBoolean(11), rateOrNull,
                instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14)), instant(rs.getTimestamp(15)), rs.getString(16));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static MigrunException fail(String what, SQLException e) {
        return new MigrunException("Cannot " + what + ": " + e.getMessage(), e);
    }
}
