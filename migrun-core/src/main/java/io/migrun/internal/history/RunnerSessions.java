package io.migrun.internal.history;

import io.migrun.MigrunException;
import io.migrun.internal.dialect.Dialect;
import io.migrun.internal.retry.Backoff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The database sessions of one migrun runner, found by the application name every runner gives its
 * connections ({@code migrun pid=<pid> host=<host>}), and ending them. Stateless; each call works on
 * the connection it is given, in autocommit.
 */
public final class RunnerSessions {

    /** One session as {@code pg_stat_activity} shows it; {@code holdsLock} when it holds a migrun lock (a runner's lock connection). */
    public record Backend(int pid, String state, Instant backendStart, Instant transactionStart, Instant queryStart, String waitEvent,
                          String query, Instant now, boolean holdsLock) {

        /** What it is doing, for a person: state, for how long, what it waits on. */
        public String describe() {
            StringBuilder s = new StringBuilder(state == null ? "state unknown" : state);
            Instant since = "active".equals(state) ? queryStart : transactionStart;
            if (since != null) {
                s.append(" for ").append(Math.max(0, Duration.between(since, now).toSeconds())).append(" s");
            }
            if (transactionStart != null) {
                s.append(", in a transaction for ").append(Math.max(0, Duration.between(transactionStart, now).toSeconds())).append(" s");
            }
            if (waitEvent != null) {
                s.append(", waiting on ").append(waitEvent);
            }
            return s.toString();
        }
    }

    private RunnerSessions() {
    }

    /** The database server's clock now. */
    public static Instant serverNow(Connection c, Dialect dialect) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(dialect.serverNowSql())) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        } catch (SQLException e) {
            throw new MigrunException("Cannot read the database server's time: " + e.getMessage(), e);
        }
    }

    /** The sessions named {@code applicationName} in this database, oldest first, besides the caller's own. */
    public static List<Backend> of(Connection c, Dialect dialect, String applicationName) {
        List<Backend> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(dialect.runnerSessionsSql())) {
            ps.setInt(1, AdvisoryLock.NAMESPACE);
            ps.setString(2, applicationName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Backend(rs.getInt(1), rs.getString(2), instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)),
                            instant(rs.getTimestamp(5)), rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)), rs.getBoolean(9)));
                }
            }
        } catch (SQLException e) {
            throw new MigrunException("Cannot list the sessions of " + applicationName + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Ends session {@code pid} and waits until it is gone, which is when its transaction has rolled
     * back and its locks are released. False when it was still there after {@code timeout}.
     */
    public static boolean terminate(Connection c, Dialect dialect, int pid, Duration timeout) {
        try (PreparedStatement ps = c.prepareStatement(dialect.terminateSql())) {
            ps.setInt(1, pid);
            ps.execute();
        } catch (SQLException e) {
            throw new MigrunException("Cannot end database session " + pid + ": " + e.getMessage(), e);
        }
        return awaitGone(c, dialect, pid, timeout);
    }

    /** Polls until session {@code pid} is gone; false when it is still there after {@code timeout}. */
    public static boolean awaitGone(Connection c, Dialect dialect, int pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Backoff.Pauses pauses = Backoff.SESSION_WAIT.pauses();
        try (PreparedStatement ps = c.prepareStatement(dialect.sessionExistsSql())) {
            ps.setInt(1, pid);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return true;
                    }
                }
                if (System.nanoTime() >= deadline) {
                    return false;
                }
                Thread.sleep(pauses.next());
            }
        } catch (SQLException e) {
            throw new MigrunException("Cannot watch database session " + pid + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
