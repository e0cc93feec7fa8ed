package io.migrun.internal.session;

import io.migrun.MigrunException;
import io.migrun.config.MigrunConfig;
import io.migrun.internal.database.Database;
import io.migrun.internal.dialect.Dialect;
import io.migrun.internal.dialect.PostgresDialect;
import io.migrun.internal.history.AdvisoryLock;
import io.migrun.internal.history.HistoryStore;
import io.migrun.internal.history.JdbcHistoryStore;
import io.migrun.internal.history.JdbcProgressStore;
import io.migrun.internal.history.LogEntry;
import io.migrun.internal.history.LogTables;
import io.migrun.internal.history.ProgressStore;
import org.postgresql.core.BaseConnection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The connections one command works with: a work connection, and for commands that change
 * anything the lock on its own connection, taken before the log is read. Closing releases both.
 */
public final class Session implements AutoCloseable {

    private final Database db;
    private volatile Connection work;
    private volatile PendingWrite writing;
    private final AdvisoryLock lock;
    private final HistoryStore history;
    private final ProgressStore progress;
    private final Dialect dialect;
    private final LogTables tables;
    private volatile int workBackend;
    private final RunTransaction transaction;
    /** How the work connection was before the first script; read then. */
    private SessionBaseline baseline;

    private Session(Database db, Dialect dialect, Connection work, AdvisoryLock lock, LogTables tables, boolean createSchema, int workBackend) {
        this.db = db;
        this.dialect = dialect;
        this.tables = tables;
        this.work = work;
        this.lock = lock;
        this.history = new JdbcHistoryStore(new PostgresDialect(), tables, RunnerIdentity.runBy(), createSchema, db.mask());
        this.progress = new JdbcProgressStore(tables, RunnerIdentity.runBy(), db.mask());
        this.workBackend = workBackend;
        this.transaction = new RunTransaction(dialect, this::work);
    }

    /** A session that reads only: no lock, no table created. */
    public static Session reading(Database db, Dialect dialect, MigrunConfig config) {
        Connection work = db.connect();
        try {
            return new Session(db, dialect, work, null, tables(work, dialect, config), config.schema() != null, -1);
        } catch (RuntimeException e) {
            closeQuietly(work);
            throw e;
        }
    }

    /** A session holding the migration lock, with the log table in place. */
    public static Session locked(Database db, Dialect dialect, MigrunConfig config) {
        Connection work = db.connect();
        AdvisoryLock lock = null;
        try {
            LogTables tables = tables(work, dialect, config);
            lock = AdvisoryLock.acquire(db.connect(), dialect, tables.qualifiedLog(), RunnerIdentity.applicationName(), config.lockTimeout());
            Session session = new Session(db, dialect, work, lock, tables, config.schema() != null, backendId(work, dialect));
            session.history.ensureTable(work);
            return session;
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            closeQuietly(work);
            throw e;
        }
    }

    private static LogTables tables(Connection work, Dialect dialect, MigrunConfig config) {
        return new LogTables(config.schema() != null ? config.schema() : currentSchema(work, dialect), config.table());
    }

    private static String currentSchema(Connection c, Dialect dialect) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(dialect.currentSchemaSql())) {
            rs.next();
            String schema = rs.getString(1);
            if (schema == null) {
                throw new MigrunException("The connection has no current schema (search_path names no existing schema). "
                        + "Set --schema to say where the log table lives.");
            }
            return schema;
        } catch (SQLException e) {
            throw new MigrunException("Cannot read the current schema: " + e.getMessage(), e);
        }
    }

    private static int backendId(Connection c, Dialect dialect) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(dialect.backendIdSql())) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new MigrunException("Cannot read the session id: " + e.getMessage(), e);
        }
    }

    /** Cancels whatever the work connection is running, from the lock's connection. Safe from any thread. */
    void cancelWork() {
        if (lock != null) {
            lock.cancel(workBackend);
            return;
        }
        try {
            // A reading session has no idle connection of its own to cancel from; pgjdbc sends the cancel request out of band.
            work.unwrap(BaseConnection.class).cancelQuery();
        } catch (SQLException ignored) {
            // not a pgjdbc connection, or the statement ended already; the stop flag still holds the command
        }
    }

    /**
     * Replaces a work connection that was lost, but only while the lock's own connection still
     * holds the lock: without it another runner may have started, and the run must stop instead.
     */
    public void reconnect() {
        if (lock == null || !lock.alive()) {
            throw new MigrunException("The work connection was lost and so was the migration lock; stopping. "
                    + "Run migrun up again: it resumes from the last checkpoint.");
        }
        closeQuietly(work);
        Connection fresh = db.connect();
        workBackend = backendId(fresh, dialect);
        work = fresh;
    }

    /**
     * The log, oldest first. A locked session has made sure of the table already; a reading one
     * looks for it first and finds an empty log where nothing has run yet.
     */
    public List<LogEntry> log() {
        if (lock == null && !history.exists(work)) {
            return List.of();
        }
        return history.entries(work);
    }

    /**
     * Puts the work connection back to the state it had when the session began (settings, role,
     * session authorization, search_path, temporary objects, prepared statements), so that what
     * one script set does not reach the next: one {@code up} over two migrations leaves the same
     * database as two. Settings the connection came with (a pool's initialisation, say) are kept.
     * Before the first script the connection is as it came, and only those settings are read.
     */
    public void startClean() {
        Connection c = work();
        try (Statement s = c.createStatement()) {
            if (baseline == null) {
                baseline = SessionBaseline.read(s, dialect);
                return;
            }
            // One round trip: the reset, the baseline's settings and (inside a dry run's transaction) the run's mark again.
            String remark = c.getAutoCommit() ? null : transaction.remarkSql();
            String restore = baseline.restoreSql();
            s.execute(dialect.resetSessionSql() + (restore == null || restore.isEmpty() ? "" : "; " + restore)
                    + (remark == null ? "" : "; " + remark));
            if (restore == null) {
                baseline.restore(s);
            }
        } catch (SQLException e) {
            throw new MigrunException("Cannot reset the session before the next script: " + e.getMessage()
                    + (e.getMessage() != null && e.getMessage().contains("transaction block")
                    ? " (the script before left a transaction open: a BEGIN without COMMIT)" : ""), e);
        }
    }

    /**
     * Writes a run's failed row as the connecting user, over the work connection or, when that is
     * gone, a fresh one; {@code partial} records it as not transactional (its work may be partly in
     * place). False when the row turned out to have committed as succeeded; throws when neither
     * connection could write it.
     */
    public boolean recordFailure(long id, String error, long ms, boolean partial) {
        try {
            transaction.recordAsRunner();
            return fail(work(), id, error, ms, partial);
        } catch (RuntimeException first) {
            try (Connection fresh = db.connect()) {
                return fail(fresh, id, error, ms, partial);
            } catch (SQLException | RuntimeException second) {
                first.addSuppressed(second);
                throw first;
            }
        }
    }

    private boolean fail(Connection c, long id, String error, long ms, boolean partial) {
        return partial ? history.failPartial(c, id, error, ms) : history.fail(c, id, error, ms);
    }

    /** The transaction migrun opens for each run on the work connection; see {@link RunTransaction}. */
    public RunTransaction transaction() {
        return transaction;
    }

    /** A further connection to the same database, for reading alongside the work connection; the caller closes it. */
    public Connection connect() {
        return db.connect();
    }

    /** The work connection, once a batch write running on it in the background (if any) has ended. */
    public Connection work() {
        PendingWrite w = writing;
        if (w != null) {
            w.await();
        }
        return work;
    }

    /** A write running on the work connection in the background, which the connection's next user waits for. */
    public interface PendingWrite {
        /** Returns once the write has ended. */
        void await();
    }

    /** Marks a write running on the work connection in the background, or none. */
    public void writingBehind(PendingWrite w) {
        writing = w;
    }

    public Dialect dialect() {
        return dialect;
    }

    LogTables tables() {
        return tables;
    }

    public HistoryStore history() {
        return history;
    }

    public ProgressStore progress() {
        return progress;
    }

    @Override
    public void close() {
        closeQuietly(work);
        if (lock != null) {
            lock.close();
        }
    }

    public static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the server ends the session either way
        }
    }
}
