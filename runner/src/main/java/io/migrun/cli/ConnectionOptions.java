package io.migrun.cli;

import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;

/** The options every command that reads configuration shares. Unset options stay null so lower layers can fill them. */
final class ConnectionOptions {

    @Option(names = "--url", paramLabel = "JDBC_URL", description = "Database URL, e.g. jdbc:postgresql://localhost:5432/app (env MIGRUN_URL). Without one, migrun uses an embedded PostgreSQL kept in .migrun/postgres.")
    String url;

    @Option(names = "--user", description = "Database user (env MIGRUN_USER).")
    String user;

    @Option(names = "--password", arity = "0..1", interactive = true, description = "Database password; prompts when given without a value. Prefer env MIGRUN_PASSWORD: flags show in the process list.")
    String password;

    @Option(names = "--env", paramLabel = "NAME", description = "Environment from migrun.yml's environments: section (env MIGRUN_ENV).")
    String environment;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: migrun.yml in the working directory; env MIGRUN_CONFIG).")
    String config;

    @Option(names = "--migrations", paramLabel = "DIR", description = "Migrations folder (default: migrations; env MIGRUN_MIGRATIONS).")
    String migrations;

    @Option(names = "--table", description = "Log table (default: _migrationLog; env MIGRUN_TABLE).")
    String table;

    @Option(names = "--schema", description = "Schema of the log table, created if missing (default: the connection's current schema; env MIGRUN_SCHEMA).")
    String schema;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", description = "How long to wait for another runner's lock, e.g. 60s or 5m (default: 60s; env MIGRUN_LOCK_TIMEOUT).")
    String lockTimeout;

    @Option(names = "--keys-file", paramLabel = "FILE", description = "Keyring for the scripts' crypto: lines of id=<base64 of 32 bytes>, the first the primary (env MIGRUN_KEYS_FILE; or the keys themselves in MIGRUN_KEYS).")
    String keysFile;

    Map<String, String> asFlags() {
        Map<String, String> m = new HashMap<>();
        m.put("url", url);
        m.put("user", user);
        m.put("password", password);
        m.put("env", environment);
        m.put("config", config);
        m.put("migrations", migrations);
        m.put("table", table);
        m.put("schema", schema);
        m.put("lockTimeout", lockTimeout);
        m.put("keysFile", keysFile);
        return m;
    }
}
