package io.migrun.internal.lifecycle;

import io.migrun.ConfigurationException;
import io.migrun.MigrunException;
import io.migrun.WaitResult;
import io.migrun.config.Durations;
import io.migrun.config.MigrunConfig;
import io.migrun.config.Redaction;
import io.migrun.internal.database.Database;
import io.migrun.internal.retry.Backoff;
import io.migrun.internal.session.StopHandle;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

/**
 * {@code migrun wait}: connects until the database accepts a connection, trying again with the
 * {@link Backoff#DATABASE_WAIT} pauses while the failure is one that a server still starting gives
 * (refused or dropped connections, an unknown host, "the database system is starting up", too many
 * connections). A failure waiting cannot cure (a refused login, a missing database, a bad URL) ends
 * the wait at once with the error any command gives. Without a URL the embedded PostgreSQL is
 * started, as any command would; it then accepts connections at the first try. One try may take as
 * long as the driver's connect timeout (10 s by default), so the wait can end that much after its
 * timeout. A stop request is seen between tries.
 */
public final class DatabaseWait {

    /** SQL states of a server that is not up yet, or not yet up for one more client, beside the connection class 08. */
    private static final Set<String> NOT_YET = Set.of("57P03", "57P01", "53300");

    private final Database database;
    private final StopHandle stop;
    private final MigrunConfig config;

    public DatabaseWait(Database database, StopHandle stop, MigrunConfig config) {
        this.database = database;
        this.stop = stop;
        this.config = config;
    }

    /** Waits up to {@code timeout}; throws {@link ConfigurationException} at the timeout, naming the database and the last error. */
    public WaitResult await(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new ConfigurationException("The wait's timeout must be zero or more, not " + timeout + ".");
        }
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Backoff.Pauses pauses = Backoff.DATABASE_WAIT.pauses();
        for (int attempt = 1; ; attempt++) {
            if (stop.requested()) {
                throw new MigrunException("Stopped as asked while waiting for " + database.describe() + " to accept connections.");
            }
            SQLException failure = tryOnce();
            if (failure == null) {
                return new WaitResult(database.describe(), attempt, (System.nanoTime() - started) / 1_000_000);
            }
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                throw new ConfigurationException("Timed out after " + Durations.describe(timeout) + " waiting for " + database.describe()
                        + " to accept connections. The last error: " + Redaction.redact(failure.getMessage(), config.secrets())
                        + "\nCheck that the server is starting and that --url (or MIGRUN_URL, else DATABASE_URL, or url: in migrun.yml) points to it, "
                        + "or wait longer with --timeout.", failure);
            }
            pause(Math.min(pauses.next(), leftMs));
        }
    }

    /** Null when a connection was accepted; the failure when the server may still come up; throws for any other failure. */
    private SQLException tryOnce() {
        Connection c;
        try {
            c = database.connect();
        } catch (ConfigurationException e) {
            if (e.getCause() instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || NOT_YET.contains(s.getSQLState()))) {
                return s;
            }
            throw e;
        }
        try {
            c.close();
        } catch (SQLException closing) {
            // the connection was accepted; failing to close it says nothing about the server
        }
        return null;
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrunException("Interrupted while waiting for " + database.describe() + " to accept connections.");
        }
    }
}
