package io.migrun.engine;

import io.migrun.MigrunException;
import io.migrun.config.MigrunConfig;
import io.migrun.database.Database;
import io.migrun.dialect.Dialect;
import io.migrun.history.AdvisoryLock;
import io.migrun.history.HistoryStore;
import io.migrun.history.JdbcHistoryStore;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The connections one command works with: a work connection, and for commands that change
 * anything the lock on its own connection, taken before the log is read. Closing releases both.
 */
final class Session implements AutoCloseable {

    private final Connection work;
    private final AdvisoryLock lock;
    private final HistoryStore history;
    private final int workBackend;

    private Session(Connection work, AdvisoryLock lock, HistoryStore history, int workBackend) {
        this.work = work;
        this.lock = lock;
        this.history = history;
        this.workBackend = workBackend;
    }

    /** A session that reads only: no lock, no table created. */
    static Session reading(Database db, Dialect dialect, MigrunConfig config) {
        Connection work = db.connect();
        try {
            return new Session(work, null, store(work, dialect, config), -1);
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
            HistoryStore history = store(work, dialect, config);
            lock = AdvisoryLock.acquire(db.connect(), dialect, history.table(), RunnerIdentity.applicationName(), config.lockTimeout());
            history.ensureTable(work);
            return new Session(work, lock, history, backendId(work, dialect));
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            closeQuietly(work);
            throw e;
        }
    }

    private static HistoryStore store(Connection work, Dialect dialect, MigrunConfig config) {
        String schema = config.schema() != null ? config.schema() : currentSchema(work, dialect);
        return new JdbcHistoryStore(dialect, schema, config.table(), RunnerIdentity.runBy(), config.schema() != null);
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

    Connection work() {
        return work;
    }

    HistoryStore history() {
        return history;
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
