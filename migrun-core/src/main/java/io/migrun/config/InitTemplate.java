package io.migrun.config;

import java.util.regex.Pattern;

/**
 * The {@code migrun.yml} that {@code migrun init} writes: every setting {@link ConfigLoader} reads,
 * commented out, each with a line that says what it does. Uncommented, its lines are valid
 * settings (a spec loads them), so the file stays true as settings change.
 */
final class InitTemplate {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/-]+");

    private static final String TEXT = """
            # Settings of migrun in this folder, written by migrun init. Every setting is commented out, so migrun
            # uses the default each line shows, or has none where it shows an example. Flags such as --url beat
            # the MIGRUN_* environment variables, which beat this file. ${VAR} and ${VAR:-default} read the environment.

            # The database, jdbc:postgresql://host:5432/db or postgres://user:password@host:5432/db; unset, an embedded PostgreSQL keeps its data in .migrun/postgres.
            # url: jdbc:postgresql://localhost:5432/app
            # The database user; unset, the URL's user (postgres for the embedded PostgreSQL).
            # user: app
            # The database password; better read from the environment than written here.
            # password: ${DB_PASSWORD}
            # The folder of the migrations (V1__create_users.sql, V2__backfill.groovy, R__views.sql), relative to the folder migrun runs in.
            %MIGRATIONS%
            # The folder where migrun run finds ad-hoc scripts by name.
            # scripts: scripts
            # The schema of the log table, created if missing; unset, the connection's current schema.
            # schema: public
            # The log table, one row per run (unquoted, so PostgreSQL names it _migrationlog).
            # table: _migrationLog
            # How long to wait for another runner's migration lock, as 500ms, 60s, 5m or 1h.
            # lockTimeout: 60s
            # The lock guard: how long each migration statement waits for a table lock before it gives up and the migration is tried again (0 turns the guard off).
            # ddlLockTimeout: 5s
            # How many times a migration that gave up waiting for a lock is tried again.
            # lockRetries: 5
            # The most time one migration's attempts take, pauses included.
            # lockRetryTime: 2m
            # What up does with migrun lint's findings in the pending migrations: warn (show them and go on), error (refuse to run) or off.
            # lint: warn
            # The keyring of the scripts' crypto helper, lines of id=<base64> from migrun keys generate ID (keys never go in this file).
            # keysFile: keys.txt

            # The scripts' http helper.
            # http:
            #   # The prefix of relative paths.
            #   baseUrl: https://api.example.com
            #   # A token sent as Authorization: Bearer (MIGRUN_HTTP_TOKEN wins over it).
            #   token: ${API_TOKEN}
            #   # Headers sent with every request; their values are masked like secrets.
            #   headers: {X-Api-Key: "${API_KEY}"}
            #   # The time to connect.
            #   connectTimeout: 10s
            #   # The time between bytes of a response.
            #   readTimeout: 30s
            #   # The time for a whole call, retries not included.
            #   callTimeout: 60s
            #   # A limit on the requests started per second; unset, none.
            #   maxRequestsPerSecond: 20
            #   # Retries of a call after a connection failure, a 429 or a 5xx.
            #   maxRetries: 5
            #   # The time one call may spend retrying.
            #   maxRetryTime: 2m
            #   # Allow http:// to hosts other than loopback.
            #   allowPlainHttp: false

            # Other databases the scripts reach by name, as db('legacy').
            # datasources:
            #   legacy:
            #     # Its URL, in either form url takes.
            #     url: jdbc:postgresql://old-db:5432/app
            #     # Its user; unset, the URL's.
            #     user: reader
            #     # Its password.
            #     password: ${LEGACY_PASSWORD}
            #     # At most this many connections.
            #     poolSize: 4

            # Named sets of the settings above, chosen with --env NAME or MIGRUN_ENV; each wins over the top level.
            # environments:
            #   prod:
            #     url: jdbc:postgresql://db.internal:5432/app
            #     user: ${PROD_DB_USER}
            #     # Ask before changes: the operator types the environment's name, or passes --yes.
            #     protected: true
            """;

    private InitTemplate() {
    }

    /** The file, with {@code migrations:} set when {@code folder} is not the default, commented out when it is. */
    static String text(String folder) {
        String line = folder.equals(ConfigLoader.DEFAULT_MIGRATIONS) ? "# migrations: " + folder
                : "migrations: " + (PLAIN.matcher(folder).matches() ? folder : "'" + folder.replace("'", "''") + "'");
        return TEXT.replace("%MIGRATIONS%", line);
    }
}
