package io.migrun.engine;

import io.migrun.MigrunException;
import io.migrun.config.MigrunConfig;
import io.migrun.database.Database;
import io.migrun.dialect.Dialect;
import io.migrun.history.AdvisoryLock;
import io.migrun.history.HistoryStore;
import io.migrun.history.JdbcHistoryStore;
import io.migrun.history.JdbcProgressStore;
import io.migrun.history.LogEntry;
import io.migrun.history.LogTables;
import io.migrun.history.ProgressStore;
import io.migrun.dialect.PostgresDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The connections one command works with: a work connection, and for commands that change
 * anything the lock on its own connection, taken before the log is read. Closing releases both.
 */
final class Session implements AutoCloseable {

    private final Database db;
    private volatile Connection work;
    private volatile WriteBehind writing;
    private final AdvisoryLock lock;
    private final HistoryStore history;
    private final ProgressStore progress;
    private final Dialect dialect;
    private final LogTables tables;
    private volatile int workBackend;

    private Session(Database db, Dialect dialect, Connection work, AdvisoryLock lock, LogTables tables, boolean createSchema, int workBackend) {
        this.db = db;
        this.dialect = dialect;
        this.tables = tables;
        this.work = work;
        this.lock = lock;
        this.history = new JdbcHistoryStore(new PostgresDialect(), tables, RunnerIdentity.runBy(), createSchema, db.mask());
        this.progress = new JdbcProgressStore(tables, RunnerIdentity.runBy(), db.mask());
        this.workBackend = workBackend;
    }

    /** A session that reads only: no lock, no table created. */
    static Session reading(Database db, Dialect dialect, MigrunConfig config) {
        Connection work = db.connect();
        try {
            return new Session(db, dialect, work, null, tables(work, dialect, config), config.schema() != null, -1);
        } catch (RuntimeException e) {
            closeQuietly(work);
            throw e;
        }
    }

    /** A session holding the migration lock, with the log table in place. */
    static Session locked(Database db, Dialect dialect, MigrunConfig config) {
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
        }
    }

    /**
     * Replaces a work connection that was lost, but only while the lock's own connection still
     * holds the lock: without it another runner may have started, and the run must stop instead.
     */
    void reconnect() {
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
    List<LogEntry> log() {
        if (lock == null && !history.exists(work)) {
            return List.of();
        }
        return history.entries(work);
    }

    /**
     * Puts the work connection back to the state a new connection has (settings, role, session
     * authorization, search_path, temporary objects, prepared statements), so that what one
     * script set does not reach the next: one {@code up} over two migrations leaves the same
     * database as two.
     */
    void startClean() {
        Connection c = work();
        try (Statement s = c.createStatement()) {
            s.execute(c.getAutoCommit() ? dialect.resetSessionSql() : dialect.resetSessionInTransactionSql());
        } catch (SQLException e) {
            throw new MigrunException("Cannot reset the session before the next script: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the work connection's transaction (autocommit must be off) and returns its identity,
     * for {@link #recordAsRunner} and {@link #transactionEnded} to tell later whether the
     * script ended it; see {@link Dialect#openTransactionSql()}.
     */
    String openTransaction() {
        try (Statement s = work().createStatement(); ResultSet rs = s.executeQuery(dialect.openTransactionSql())) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new MigrunException("Cannot open the run's transaction: " + e.getMessage(), e);
        }
    }

    /**
     * Makes migrun's own writes that follow act as the connecting user whatever role the script
     * set (inside a transaction for that transaction only, otherwise for the session, which the
     * next script starts afresh anyway), and with {@code opened} checks in the same round trip
     * that the transaction is still that one: {@link TransactionEnded} when the script ended it.
     *
     * @param opened what {@link #openTransaction} returned, or null for a run without a transaction
     */
    void recordAsRunner(String opened) {
        Connection c = work();
        try (Statement s = c.createStatement()) {
            if (opened == null) {
                s.execute(dialect.connectingUserSql(!c.getAutoCommit()));
                return;
            }
            s.execute(dialect.connectingUserSql(true) + "; " + dialect.transactionIdentitySql());
            while (!s.getMoreResults() && s.getUpdateCount() != -1) {
                // past the SET statements to the identity's row
            }
            try (ResultSet rs = s.getResultSet()) {
                if (rs == null || !rs.next() || !opened.equals(rs.getString(1))) {
                    throw new TransactionEnded();
                }
            }
        } catch (SQLException e) {
            throw new MigrunException("Cannot return to the connecting user to record the run: " + e.getMessage(), e);
        }
    }

    /**
     * After a failure, once the work connection has rolled back: whether the script had ended the
     * transaction {@code opened} named, so that part of its work committed. Opening it set a
     * session setting inside it, which the rollback undoes unless a commit came first.
     */
    boolean transactionEnded(String opened) {
        if (opened == null) {
            return false;
        }
        try (Statement s = work().createStatement(); ResultSet rs = s.executeQuery(dialect.openTransactionMarkSql())) {
            return rs.next() && opened.equals(rs.getString(1));
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** A further connection to the same database, for reading alongside the work connection; the caller closes it. */
    Connection connect() {
        return db.connect();
    }

    /** The work connection, once a batch write running on it in the background (if any) has ended. */
    Connection work() {
        WriteBehind w = writing;
        if (w != null) {
            w.await();
        }
        return work;
    }

    /** Marks a write running on the work connection in the background, or none; see {@link WriteBehind}. */
    void writingBehind(WriteBehind w) {
        writing = w;
    }

    Dialect dialect() {
        return dialect;
    }

    LogTables tables() {
        return tables;
    }

    HistoryStore history() {
        return history;
    }

    ProgressStore progress() {
        return progress;
    }

    @Override
    public void close() {
        closeQuietly(work);
        if (lock != null) {
            lock.close();
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the server ends the session either way
        }
    }
}
