package io.migrun.internal.session;

import io.migrun.MigrationListener;
import io.migrun.MigrunException;
import io.migrun.config.MigrunConfig;
import io.migrun.internal.database.Database;
import io.migrun.internal.dialect.Dialect;
import io.migrun.internal.history.AdvisoryLock;
import io.migrun.internal.history.LogTables;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one path every command of a {@code Migrun} takes, in this order: open its session (taking
 * the migration lock and making sure of the log table when it writes), register it with the stop
 * handle so a stop request reaches it, close the runs that dead runners left {@code running} (for
 * {@link Access#WRITE}), run the command's own work on the session (which records its runs through
 * {@link BlockRun}), and close the session again, whatever happened. The one dialect of the
 * {@code Migrun} is passed to every session from here. No command starts once a stop was asked.
 * One per {@code Migrun}; its commands run one at a time.
 */
public final class Commands {

    /** How a command uses the database. */
    public enum Access {
        /** Reads only: no lock, nothing created. */
        READ,
        /** Reads, and runs scripts in one transaction that is always rolled back: the dry runs. */
        REHEARSE,
        /** Records its run without changing anything else (a read-only script): takes the lock only to create a missing log table. */
        RECORD,
        /** Writes under the lock, leaving dead runners' runs for the next {@code up} to close. */
        LOCK,
        /** Writes under the lock, once the runs dead runners left are closed. */
        WRITE
    }

    /** A command's own work, on its open session. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Session session) throws SQLException;
    }

    private final MigrunConfig config;
    private final Database db;
    private final Dialect dialect;
    private final MigrationListener listener;
    private final StopHandle stop;

    public Commands(MigrunConfig config, Database db, Dialect dialect, MigrationListener listener, StopHandle stop) {
        this.config = config;
        this.db = db;
        this.dialect = dialect;
        this.listener = listener;
        this.stop = stop;
    }

    /** Runs {@code work} as one command with the given access; see the class comment for the steps. */
    public <T> T run(Access access, Work<T> work) {
        if (stop.requested()) {
            throw new MigrunException("Not started: a stop was requested on this Migrun, which is spent; build a new one to run more commands.");
        }
        try (Session session = open(access); StopHandle.Scope scope = stop.enter(session)) {
            session.entered(scope);
            if (access == Access.WRITE) {
                Interruptions.close(session);
            }
            return access == Access.REHEARSE ? Transactions.rolledBack(session, false, () -> work.run(session)) : work.run(session);
        } catch (SQLException e) {
            throw new MigrunException((access == Access.REHEARSE ? "The dry run could not use its transaction: " : "Cannot run the command: ")
                    + e.getMessage(), e);
        }
    }

    public MigrunConfig config() {
        return config;
    }

    public MigrationListener listener() {
        return listener;
    }

    StopHandle stop() {
        return stop;
    }

    /** A description of the database, with any password masked. */
    public String databaseDescription() {
        return db.describe();
    }

    private Session open(Access access) {
        if (access == Access.LOCK || access == Access.WRITE) {
            return locked();
        }
        Session s = reading();
        if (access != Access.RECORD || s.history().exists(s.work())) {
            return s;
        }
        s.close();
        return locked();
    }

    /** A session that reads only: no lock, no table created. */
    private Session reading() {
        Connection work = db.connect();
        try {
            return new Session(this, db, dialect, work, null, tables(work));
        } catch (RuntimeException e) {
            Session.closeQuietly(work);
            throw e;
        }
    }

    /** A session holding the migration lock, with the log table in place. */
    private Session locked() {
        Connection work = db.connect();
        AdvisoryLock lock = null;
        try {
            LogTables tables = tables(work);
            lock = AdvisoryLock.acquire(db.connect(), dialect, tables.qualifiedLog(), RunnerIdentity.applicationName(), config.lockTimeout());
            Session session = new Session(this, db, dialect, work, lock, tables);
            session.history().ensureTable(work);
            return session;
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            Session.closeQuietly(work);
            throw e;
        }
    }

    private LogTables tables(Connection work) {
        return new LogTables(config.schema() != null ? config.schema() : currentSchema(work), config.table());
    }

    private String currentSchema(Connection c) {
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
}
