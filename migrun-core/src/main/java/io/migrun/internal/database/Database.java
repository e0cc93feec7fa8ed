package io.migrun.internal.database;

import io.migrun.ConfigurationException;
import io.migrun.MigrationListener;
import io.migrun.config.MigrunConfig;
import io.migrun.config.Redaction;
import io.migrun.config.SecretMask;
import io.migrun.spi.EmbeddedServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Where connections come from: a caller's {@link DataSource}, a JDBC URL, or the embedded
 * PostgreSQL started on first use. Connection failures become {@link ConfigurationException}s that
 * name the masked URL and the fix. Thread-safe; closing stops an embedded server.
 */
public final class Database implements AutoCloseable {

    private final MigrunConfig config;
    private final DataSource dataSource;
    private final MigrationListener listener;
    private final String applicationName;
    private final SecretMask mask;
    private EmbeddedServer.Running embedded;
    private String url;

    /** @param mask the secrets to keep out of everything written to this database */
    public Database(MigrunConfig config, DataSource dataSource, MigrationListener listener, String applicationName, SecretMask mask) {
        this.config = config;
        this.mask = mask;
        this.dataSource = dataSource;
        this.listener = listener;
        this.applicationName = applicationName;
        this.url = config.url();
    }

    /** The URL with its password masked, for messages; {@code a data source} when the caller gave one. */
    public synchronized String describe() {
        if (dataSource != null) {
            return "the configured data source";
        }
        return config.embedded() ? "the embedded PostgreSQL in " + config.embeddedDataDir() : Redaction.maskUrl(url);
    }

    /** The secrets that migrun's tables in this database never hold. */
    public SecretMask mask() {
        return mask;
    }

    /** A new connection in autocommit mode; the caller closes it. */
    public Connection connect() {
        if (dataSource != null) {
            try {
                Connection c = dataSource.getConnection();
                c.setAutoCommit(true);
                return c;
            } catch (SQLException e) {
                throw new ConfigurationException("Cannot connect through the configured data source: " + e.getMessage(), e);
            }
        }
        String target;
        synchronized (this) {
            if (url == null) {
                // looked at before the start, which creates the folder; told after it, so the server's line comes first
                Optional<String> unignored = DataFolderCheck.unignored(config.embeddedDataDir());
                embedded = EmbeddedServers.find().start(config.embeddedDataDir(), config.lockTimeout(), listener);
                url = embedded.url();
                unignored.ifPresent(listener::onNotice);
            }
            target = url;
        }
        Properties props = new Properties();
        String user = config.user() != null ? config.user() : (embedded != null ? embedded.user() : null);
        if (user != null) {
            props.setProperty("user", user);
        }
        if (config.password() != null) {
            props.setProperty("password", config.password());
        }
        props.setProperty("ApplicationName", applicationName);
        try {
            return DriverManager.getConnection(target, props);
        } catch (SQLException e) {
            throw explain(e, user);
        }
    }

    private ConfigurationException explain(SQLException e, String user) {
        String where = Redaction.maskUrl(url);
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String reason = Redaction.redact(e.getMessage(), config.secrets());
        if (state.startsWith("28")) {
            return new ConfigurationException("Cannot connect to " + where + " as user \"" + user + "\": " + reason
                    + "\nCheck --user and --password (or MIGRUN_USER and MIGRUN_PASSWORD, or user: and password: in migrun.yml).", e);
        }
        if (state.equals("3D000")) {
            return new ConfigurationException("Cannot connect to " + where + ": " + reason
                    + "\nCreate the database, or fix the database name in --url.", e);
        }
        return new ConfigurationException("Cannot connect to " + where + ": " + reason
                + "\nCheck that the server is running and that --url (or MIGRUN_URL, DATABASE_URL, or url: in migrun.yml) points to it.", e);
    }

    @Override
    public synchronized void close() {
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }
}
