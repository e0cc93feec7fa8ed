package io.migrun.cli;

import io.migrun.ConfigurationException;
import io.migrun.config.Redaction;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The options every command that reads configuration shares. Unset options stay null so lower
 * layers can fill them. A password given on the command line draws a warning, as the process list
 * shows it; {@code --password} without a value asks for it on the terminal.
 */
final class ConnectionOptions {

    static final String WARNING = "WARNING: a password given on the command line is visible to other users in the process list; "
            + "use MIGRUN_PASSWORD, a ${VAR} in migrun.yml or --password without a value to be prompted.";

    /** What picocli sets for {@code --password} without a value: a NUL, which no command-line argument can hold. */
    private static final String ASK = "\u0000";

    @Option(names = "--url", paramLabel = "URL", description = "Database URL, e.g. jdbc:postgresql://localhost:5432/app or postgres://user:password@localhost:5432/app?sslmode=require (env MIGRUN_URL, else DATABASE_URL). Without one, migrun uses an embedded PostgreSQL kept in .migrun/postgres.")
    String url;

    @Option(names = "--user", description = "Database user (env MIGRUN_USER).")
    String user;

    @Option(names = "--password", arity = "0..1", fallbackValue = ASK, paramLabel = "PASSWORD",
            description = "Database password; without a value, asked for on the terminal. Prefer env MIGRUN_PASSWORD: a value here shows in the process list.")
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

    /**
     * The options as settings for {@link io.migrun.config.ConfigLoader}, after asking for the
     * password when {@code --password} came without a value, or warning (on stderr) when one came
     * with the command line.
     */
    Map<String, String> asFlags(CliContext context) {
        if (ASK.equals(password)) {
            password = ask(context);
        } else if (password != null && !password.isEmpty() || !Redaction.passwordsInUrl(url).isEmpty()) {
            context.err().println(WARNING);
        }
        context.mask().add(secrets());
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

    /** The passwords given as options, for masking. */
    List<String> secrets() {
        List<String> out = new ArrayList<>(Redaction.passwordsInUrl(url));
        if (password != null && !ASK.equals(password)) {
            out.add(password);
        }
        return out;
    }

    private static String ask(CliContext context) {
        if (context.readSecret() == null) {
            throw new ConfigurationException("--password was given without a value, and there is no terminal to ask on. "
                    + "Set MIGRUN_PASSWORD, use a ${VAR} in migrun.yml, or run the command on a terminal.");
        }
        String typed = context.readSecret().apply("Database password: ");
        if (typed == null) {
            throw new ConfigurationException("No password was typed (the input ended); nothing was done.");
        }
        return typed;
    }
}
