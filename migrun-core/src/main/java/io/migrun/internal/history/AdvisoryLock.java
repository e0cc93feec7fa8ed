package io.migrun.internal.history;

import io.migrun.LockException;
import io.migrun.MigrunException;
import io.migrun.config.Durations;
import io.migrun.internal.dialect.Dialect;
import io.migrun.internal.retry.Backoff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The migration lock: a session advisory lock held on a dedicated autocommit connection, so it is
 * never taken inside a transaction and a {@code CREATE INDEX CONCURRENTLY} run by the holder
 * cannot deadlock against a waiter. It is taken by polling, and it goes away with its connection
 * when the holder dies. Closing releases the lock and closes the connection.
 */
public final class AdvisoryLock implements AutoCloseable {

    /** "migr": the first key, shared by every migrun lock. */
    static final int NAMESPACE = 0x6d696772;
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Connection connection;
    private final Dialect dialect;
    private final int key;

    private AdvisoryLock(Connection connection, Dialect dialect, int key) {
        this.connection = connection;
        this.dialect = dialect;
        this.key = key;
    }

    /**
     * Takes the lock for {@code name} (the log table), polling until {@code timeout}. The
     * connection is owned by the lock from then on, also when taking it fails.
     *
     * @param identity shown to waiters, e.g. {@code migrun pid=4242 host=build-7}
     */
    public static AdvisoryLock acquire(Connection connection, Dialect dialect, String name, String identity, Duration timeout) {
        int key = name.hashCode() & 0x7fffffff;
        try {
            connection.setAutoCommit(true);
            long deadline = System.nanoTime() + timeout.toNanos();
            Backoff.Pauses pauses = Backoff.LOCK_POLL.pauses();
            while (!tryLock(connection, dialect, key)) {
                if (System.nanoTime() >= deadline) {
                    String holder = holder(connection, dialect, key);
                    close(connection);
                    throw new LockException("Timed out after " + Durations.describe(timeout) + " waiting for the migration lock on "
                            + name + ". " + holder + "\nWait for that run to finish or stop it (a killed runner releases the lock at once), "
                            + "or wait longer with --lock-timeout.");
                }
                Thread.sleep(pauses.next());
            }
            try (PreparedStatement ps = connection.prepareStatement(dialect.setApplicationNameSql())) {
                ps.setString(1, truncate(identity, 63));
                ps.execute();
            }
            return new AdvisoryLock(connection, dialect, key);
        } catch (SQLException e) {
            close(connection);
            throw new MigrunException("Cannot take the migration lock on " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(connection);
            throw new LockException("Interrupted while waiting for the migration lock on " + name + ".");
        }
    }

    private static boolean tryLock(Connection c, Dialect dialect, int key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.tryLockSql())) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String holder(Connection c, Dialect dialect, int key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.lockHolderSql())) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "It was released just now; run the command again.";
                }
                String app = rs.getString(2);
                Timestamp since = rs.getTimestamp(5);
                return "It is held by " + (app == null || app.isBlank() ? "an unnamed session" : "\"" + app + "\"")
                        + " (database session pid " + rs.getInt(1) + ", connected from " + rs.getString(3)
                        + ") since " + (since == null ? "an unknown time" : SINCE.format(since.toInstant())) + ".";
            }
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the lock dies with the session anyway
        }
    }


    /** Whether the lock's session is still there, and with it the lock. */
    public synchronized boolean alive() {
        try {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Cancels the running statement of another session of this runner, over the lock's idle connection. */
    public synchronized void cancel(int backend) {
        try (PreparedStatement ps = connection.prepareStatement(dialect.cancelSql())) {
            ps.setInt(1, backend);
            ps.execute();
        } catch (SQLException ignored) {
            // the statement may have ended already; the stop flag still holds the run
        }
    }

    /**
     * The sessions blocking {@code backend} now, read over the lock's idle connection (safe from any
     * thread); none when nothing blocks it or the reading fails, since it only informs a report.
     */
    public synchronized List<Blocker> blockers(int backend) {
        List<Blocker> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(dialect.blockersSql())) {
            ps.setInt(1, backend);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long age = rs.getLong(4);
                    out.add(new Blocker(rs.getInt(1), text(rs.getString(2)), text(rs.getString(3)), rs.wasNull() ? -1 : age, text(rs.getString(5))));
                }
            }
        } catch (SQLException e) {
            return List.of();
        }
        return out;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    @Override
    public synchronized void close() {
        try (PreparedStatement ps = connection.prepareStatement(dialect.unlockSql())) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, key);
            ps.execute();
        } catch (SQLException ignored) {
            // closing the connection below releases a session lock as well
        } finally {
            close(connection);
        }
    }
}
