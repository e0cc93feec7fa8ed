package io.migrun.helper;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.migrun.MigrunException;
import io.migrun.config.DatasourceSettings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The named datasources of {@code migrun.yml}, each a small HikariCP pool opened on first use and
 * closed with this object at the end of the run. Thread-safe.
 */
public final class Datasources implements AutoCloseable {

    private final Map<String, DatasourceSettings> settings;
    private final Map<String, HikariDataSource> pools = new LinkedHashMap<>();

    public Datasources(Map<String, DatasourceSettings> settings) {
        this.settings = Map.copyOf(settings);
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

    @Override
    public synchronized void close() {
        pools.values().forEach(HikariDataSource::close);
        pools.clear();
    }
}
