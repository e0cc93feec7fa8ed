package io.migrun.internal.history;

import io.migrun.ConfigurationException;
import io.migrun.MigrunException;
import io.migrun.config.SecretMask;
import io.migrun.internal.dialect.Dialect;
import io.migrun.internal.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The log table over plain JDBC; known secrets are masked in every text it writes. Keeps only its names and the ids of the rows it started; thread-safe. */
public final class JdbcHistoryStore implements HistoryStore {

    /** The layout this release writes; older layouts are upgraded in {@link #ensureTable}. */
    static final int LAYOUT = 2;
    private static final Pattern LAYOUT_COMMENT = Pattern.compile("migrun log layout (\\d+)");
    private static final String COLUMNS = "id, version, description, script, kind, checksum, state, transactional, "
            + "result::text, error, started_at, finished_at, duration_ms, run_by, args::text";

    private final Dialect dialect;
    private final LogTables tables;
    private final String schema;
    private final String table;
    private final String qualified;
    private final String runBy;
    private final boolean createSchema;
    private final Set<Long> started = ConcurrentHashMap.newKeySet();
    private final SecretMask mask;

    /** A store that masks no secret. */
    public JdbcHistoryStore(Dialect dialect, LogTables tables, String runBy, boolean createSchema) {
        this(dialect, tables, runBy, createSchema, new SecretMask());
    }

    /**
     * @param runBy        who runs, stored after the database user in run_by
     * @param createSchema create the schema with the table (only for a schema the user named)
     * @param mask         the secrets masked in descriptions, arguments, results and errors
     */
    public JdbcHistoryStore(Dialect dialect, LogTables tables, String runBy, boolean createSchema, SecretMask mask) {
        this.mask = mask;
        this.dialect = dialect;
        this.tables = tables;
        this.schema = tables.schema();
        this.table = tables.log();
        this.qualified = tables.qualifiedLog();
        this.runBy = runBy;
        this.createSchema = createSchema;
    }

    @Override
    public String table() {
        return qualified;
    }

    @Override
    public boolean exists(Connection c) {
        return comment(c) != null;
    }

    @Override
    public void ensureTable(Connection c) {
        String comment = comment(c);
        if (comment == null) {
            execute(c, "create the log table " + qualified, create());
            return;
        }
        Matcher m = LAYOUT_COMMENT.matcher(comment);
        if (!m.matches()) {
            throw new ConfigurationException("The table " + qualified + " exists but is not a migrun log (its comment is '"
                    + comment + "', expected '" + dialect.layoutComment(LAYOUT) + "'). "
                    + "Choose another log table with --table, or rename the existing table.");
        }
        int layout = Integer.parseInt(m.group(1));
        if (layout > LAYOUT) {
            throw new ConfigurationException("The log table " + qualified + " has layout " + layout
                    + ", written by a newer migrun; this one understands layout " + LAYOUT + ". Upgrade migrun.");
        }
        if (layout < LAYOUT) {
            execute(c, "upgrade the log table " + qualified + " from layout " + layout, upgrade());
        }
    }

    private List<String> create() {
        List<String> ddl = new ArrayList<>();
        if (createSchema) {
            ddl.add(dialect.createSchemaSql(schema));
        }
        ddl.addAll(dialect.createLogTable(schema, table, LAYOUT));
        ddl.addAll(dialect.createProgressTables(tables.checkpoints(), tables.errors(), tables.control()));
        return ddl;
    }

    /** Layout 1 had the log only; layout 2 adds the checkpoint, error and request tables. */
    private List<String> upgrade() {
        List<String> ddl = new ArrayList<>(dialect.createProgressTables(tables.checkpoints(), tables.errors(), tables.control()));
        ddl.add(dialect.layoutCommentSql(qualified, LAYOUT));
        return ddl;
    }

    private static void execute(Connection c, String what, List<String> ddl) {
        try (Statement s = c.createStatement()) {
            for (String statement : ddl) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw fail(what, e);
        }
    }

    @Override
    public List<LogEntry> entries(Connection c) {
        List<LogEntry> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM " + qualified + " ORDER BY id")) {
            while (rs.next()) {
                out.add(read(rs));
            }
        } catch (SQLException e) {
            throw fail("read the log table " + qualified, e);
        }
        return out;
    }

    @Override
    public long start(Connection c, NewRun run) {
        long id = insert(c, run, RunState.RUNNING, null);
        started.add(id);
        return id;
    }

    @Override
    public long record(Connection c, NewRun run, RunState state, String resultJson) {
        return insert(c, run, state, resultJson);
    }

    private long insert(Connection c, NewRun run, RunState state, String resultJson) {
        String sql = "INSERT INTO " + qualified + " (version, description, script, kind, checksum, state, transactional, result, run_by, args, finished_at, duration_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, current_user || ' on ' || ?, ?::jsonb, " + (state == RunState.RUNNING ? "NULL, NULL" : "now(), 0") + ") RETURNING id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, run.version());
            ps.setString(2, mask.mask(run.description()));
            ps.setString(3, run.script());
            ps.setString(4, run.kind().dbValue());
            ps.setString(5, run.checksum());
            ps.setString(6, state.dbValue());
            ps.setBoolean(7, run.transactional());
            ps.setString(8, mask.maskJson(resultJson));
            ps.setString(9, runBy);
            ps.setString(10, mask.maskJson(run.args()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw fail("record the run of " + run.script() + " in " + qualified, e);
        }
    }

    @Override
    public void succeed(Connection c, long id, String resultJson, long durationMs) {
        finish(c, id, RunState.SUCCEEDED, resultJson, null, durationMs, true);
    }

    @Override
    public boolean fail(Connection c, long id, String error, long durationMs) {
        return finish(c, id, RunState.FAILED, null, error, durationMs, true);
    }

    @Override
    public boolean failPartial(Connection c, long id, String error, long durationMs) {
        return finish(c, id, RunState.FAILED, null, error, durationMs, false);
    }

    @Override
    public void stop(Connection c, long id, RunState state, String note, long durationMs) {
        finish(c, id, state, Json.write(Map.of("stopped", note)), null, durationMs, true);
    }

    /** @param asStarted false to record the run as not transactional whatever it started as (its work may be partly in place) */
    private boolean finish(Connection c, long id, RunState state, String resultJson, String error, long durationMs, boolean asStarted) {
        String sql = "UPDATE " + qualified + " SET state = ?, result = ?::jsonb, error = ?, finished_at = now(), duration_ms = ?, "
                + "transactional = transactional AND ? WHERE id = ? AND state = 'running'";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, state.dbValue());
            ps.setString(2, mask.maskJson(resultJson));
            ps.setString(3, mask.mask(error));
            ps.setLong(4, durationMs);
            ps.setBoolean(5, asStarted);
            ps.setLong(6, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw fail("record the outcome of run " + id + " in " + qualified, e);
        }
    }

    @Override
    public void revert(Connection c, String version) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + qualified + " SET state = 'reverted' "
                + "WHERE version = ? AND kind = 'versioned' AND state = 'succeeded'")) {
            ps.setString(1, version);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw fail("mark V" + version + " reverted in " + qualified, e);
        }
    }

    @Override
    public List<LogEntry> openRuns(Connection c) {
        List<LogEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + qualified + " WHERE id = ANY (?) AND state = 'running' ORDER BY id")) {
            ps.setArray(1, c.createArrayOf("bigint", started.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw fail("read the open runs in " + qualified, e);
        }
        return out;
    }

    @Override
    public boolean closeInterrupted(Connection c, long id, String error, boolean ranUntilNow) {
        // Without a statement left running, the last sign of life is the run's last checkpoint; the time until this runner came is not the run's.
        String sql = "UPDATE " + qualified + " l SET state = 'failed', finished_at = now(), error = ?, duration_ms = (extract(epoch FROM "
                + "CASE WHEN ? THEN now() ELSE (SELECT max(p.updated_at) FROM " + tables.checkpoints() + " p "
                + "WHERE p.version = l.version AND p.updated_at >= l.started_at) END - l.started_at) * 1000)::bigint "
                + "WHERE l.id = ? AND l.state = 'running'";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, mask.mask(error));
            ps.setBoolean(2, ranUntilNow);
            ps.setLong(3, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw fail("close the interrupted run " + id + " in " + qualified, e);
        }
    }

    private String comment(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(dialect.tableCommentSql())) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw fail("look for the log table " + qualified, e);
        }
    }

    private static LogEntry read(ResultSet rs) throws SQLException {
        long duration = rs.getLong(13);
        Long durationMs = rs.wasNull() ? null : duration;
        return new LogEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), RunKind.of(rs.getString(5)),
                rs.getString(6), RunState.of(rs.getString(7)), rs.getBoolean(8), rs.getString(9), rs.getString(10),
                instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)), durationMs, rs.getString(14), rs.getString(15));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static MigrunException fail(String what, SQLException e) {
        return new MigrunException("Cannot " + what + ": " + e.getMessage(), e);
    }
}
