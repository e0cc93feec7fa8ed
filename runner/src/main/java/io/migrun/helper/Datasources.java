package io.migrun.helper;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.migrun.MigrunException;
import io.migrun.config.DatasourceSettings;
import io.migrun.config.Redaction;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The named datasources of {@code migrun.yml}, each a small HikariCP pool opened on first use and
 * closed with this object at the end of the run. Connection errors name the datasource and never
 * show its password. Thread-safe.
 */
public final class Datasources implements AutoCloseable {

    private final Map<String, DatasourceSettings> settings;
    private final List<String> secrets;
    private final Map<String, HikariDataSource> pools = new LinkedHashMap<>();

    public Datasources(Map<String, DatasourceSettings> settings, List<String> secrets) {
        this.settings = Map.copyOf(settings);
        this.secrets = List.copyOf(secrets);
    }

    /** The pool of the datasource {@code name}, opened on first use. */
    public synchronized HikariDataSource get(String name) {
        HikariDataSource pool = pools.get(name);
        if (pool != null) {
            return pool;
        }
        DatasourceSettings s = settings.get(name);
        if (s == null) {
            throw new MigrunException("db('" + name + "'): no datasource of that name; migrun.yml defines "
                    + (settings.isEmpty() ? "none" : String.join(", ", new TreeSet<>(settings.keySet())))
                    + ". Add it under datasources: " + name + ": url: jdbc:postgresql://…");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("migrun-" + name);
        config.setJdbcUrl(s.url());
        if (s.user() != null) {
            config.setUsername(s.user());
        }
        if (s.password() != null) {
            config.setPassword(s.password());
        }
        config.setMaximumPoolSize(s.poolSize());
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(15_000);
        pool = new HikariDataSource(config);
        pools.put(name, pool);
        return pool;
    }

    /** A connection of the datasource {@code name}; the caller closes it, which returns it to the pool. */
    public Connection connect(String name) {
        try {
            return get(name).getConnection();
        } catch (SQLException e) {
            throw new MigrunException("db('" + name + "'): cannot connect to " + Redaction.maskUrl(settings.get(name).url()) + ": "
                    + Redaction.redact(e.getMessage(), secrets), null);
        }
    }

    @Override
    public synchronized void close() {
        pools.values().forEach(HikariDataSource::close);
        pools.clear();
    }
}
