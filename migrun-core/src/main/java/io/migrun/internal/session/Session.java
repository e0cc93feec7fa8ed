package io.migrun.internal.session;

import io.migrun.MigrationListener;
import io.migrun.MigrunException;
import io.migrun.config.MigrunConfig;
import io.migrun.internal.database.Database;
import io.migrun.internal.dialect.Dialect;
import io.migrun.internal.history.AdvisoryLock;
import io.migrun.internal.history.Blocker;
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
 * anything the lock on its own connection, taken before the log is read; with them the command's
 * stop request and its scripts' helpers. Opened by {@link Commands}; closing ends the helpers and
 * releases both connections. Used from the command's thread; {@link #cancelWork} from any.
 */
public final class Session implements AutoCloseable {

    private final Database db;
    private final MigrunConfig config;
    private final MigrationListener listener;
    private final StopHandle stop;
    private volatile Connection work;
    private volatile PendingWrite writing;
    private final AdvisoryLock lock;
    private final HistoryStore history;
    private final ProgressStore progress;
    private final Dialect dialect;
    private final LogTables tables;
    private volatile int workBackend;
    private final RunTransaction transaction;
    private StopHandle.Scope scope;
    private RunHelpers helpers;
    /** How the work connection was before the first script; read then. */
    private SessionBaseline baseline;

    /** @param lock the migration lock, or null for a session that reads only */
    Session(Commands command, Database db, Dialect dialect, Connection work, AdvisoryLock lock, LogTables tables) {
        this.db = db;
        this.dialect = dialect;
        this.config = command.config();
        this.listener = command.listener();
        this.stop = command.stop();
        this.tables = tables;
        this.work = work;
        this.lock = lock;
        this.history = new JdbcHistoryStore(dialect, tables, RunnerIdentity.runBy(), config.schema() != null, db.mask());
        this.progress = new JdbcProgressStore(dialect, tables, RunnerIdentity.runBy(), db.mask());
        this.workBackend = lock == null ? -1 : backendId(work, dialect);
        this.transaction = new RunTransaction(dialect, this::work);
    }

    static int backendId(Connection c, Dialect dialect) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(dialect.backendIdSql())) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new MigrunException("Cannot read the session id: " + e.getMessage(), e);
        }
    }

    /** The command is registered with the stop handle as {@code s} while it runs. */
    void entered(StopHandle.Scope s) {
        scope = s;
    }

    /** Lets a stop request reach a resumable migration's checkpoints through {@code control}. */
    public void watch(RunControl control) {
        scope.control(control);
    }

    /** Whether a stop was asked, for this command or before it. */
    public boolean stopRequested() {
        return stop.requested();
    }

    /** Where stop requests go; for the loops that check it themselves. */
    public StopHandle stop() {
        return stop;
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

    /** The sessions that block the work connection now (none for a session without the lock's connection to look from). */
    List<Blocker> blockersOfWork() {
        return lock == null ? List.of() : lock.blockers(workBackend);
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

    /** The helpers of this command's scripts, made on first use and ended with the session. */
    public synchronized RunHelpers helpers() {
        if (helpers == null) {
            helpers = RunHelpers.of(config, this);
        }
        return helpers;
    }

    public MigrunConfig config() {
        return config;
    }

    /** Where the command's notices and runs are reported, secrets masked. */
    public MigrationListener listener() {
        return listener;
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
        RunHelpers h;
        synchronized (this) {
            h = helpers;
        }
        try {
            if (h != null) {
                h.close();
            }
        } finally {
            // A helper that fails to close (a pool, the HTTP client) must not keep the lock from other runners.
            closeQuietly(work);
            if (lock != null) {
                lock.close();
            }
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
