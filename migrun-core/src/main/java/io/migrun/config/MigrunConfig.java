package io.migrun.config;

import io.migrun.ConfigurationException;
import io.migrun.MigrationVersion;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Everything one migrun instance runs with. Immutable; built by {@link #builder()}, which checks
 * every value and names the setting at fault. {@link #toString()} never shows the password.
 *
 * @param url             JDBC URL, or null to use the embedded PostgreSQL (the builder also takes a {@code postgres://} URL)
 * @param user            database user, or null
 * @param password        database password, or null
 * @param migrations      the migrations folder
 * @param schema          the schema of the log table, or null for the connection's current schema
 * @param table           the log table, folded to lower case as PostgreSQL does for unquoted names
 * @param lockTimeout     how long to wait for the migration lock
 * @param target          apply nothing above this version, or null for all
 * @param outOfOrder      allow pending versions older than the newest applied one
 * @param embeddedDataDir where the embedded PostgreSQL keeps its data
 * @param helpers         the scripts' helpers: keyring, HTTP client, named datasources
 * @param scripts         the folder of ad-hoc scripts for {@code migrun run}
 * @param environment     the environment chosen from migrun.yml, or null
 * @param protectedEnvironment true when that environment is marked {@code protected: true}
 * @param lockGuard       the lock timeout and retries of migration statements (not of the migration lock)
 * @param lint            what up does with lint findings in the pending migrations
 */
public record MigrunConfig(String url, String user, String password, Path migrations, String schema, String table,
                           Duration lockTimeout, MigrationVersion target, boolean outOfOrder, Path embeddedDataDir,
                           HelperSettings helpers, Path scripts, String environment, boolean protectedEnvironment,
                           LockGuard lockGuard, LintMode lint) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public MigrunConfig {
        List<String> problems = new ArrayList<>();
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            problems.add("url '" + Redaction.maskUrl(url) + "' is not a PostgreSQL JDBC URL: expected jdbc:postgresql://host:port/database or postgres://user:password@host:port/database");
        }
        if (table == null || !IDENTIFIER.matcher(table).matches()) {
            problems.add("table '" + table + "' is not a plain identifier: use letters, digits and underscores, starting with a letter or underscore");
        }
        if (schema != null && !IDENTIFIER.matcher(schema).matches()) {
            problems.add("schema '" + schema + "' is not a plain identifier: use letters, digits and underscores, starting with a letter or underscore");
        }
        if (lockTimeout == null || lockTimeout.isNegative()) {
            problems.add("lockTimeout must be zero or more, such as 60s");
        }
        if (migrations == null) {
            problems.add("migrations must name a folder");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid configuration:\n  " + String.join("\n  ", problems));
        }
        table = table.toLowerCase(Locale.ROOT);
        lockGuard = lockGuard == null ? LockGuard.DEFAULT : lockGuard;
        lint = lint == null ? LintMode.WARN : lint;
        helpers = helpers == null ? HelperSettings.NONE : helpers;
        scripts = scripts == null ? Path.of("scripts") : scripts;
        schema = schema == null ? null : schema.toLowerCase(Locale.ROOT);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** True when no URL is set and the embedded PostgreSQL is used. */
    public boolean embedded() {
        return url == null;
    }

    /**
     * Values that must never be printed or stored: the password, a password in the URL, the keys
     * (of {@code MIGRUN_KEYS} and of the keys file), the HTTP token and header values, and the
     * datasources' passwords.
     */
    public List<String> secrets() {
        List<String> out = new ArrayList<>();
        if (password != null && !password.isEmpty()) {
            out.add(password);
        }
        out.addAll(Redaction.passwordsInUrl(url));
        out.addAll(helpers.secrets());
        return out;
    }

    public Builder toBuilder() {
        return new Builder().url(url).user(user).password(password).migrations(migrations).schema(schema).table(table)
                .lockTimeout(lockTimeout).target(target).outOfOrder(outOfOrder).embeddedDataDir(embeddedDataDir).helpers(helpers)
                .scripts(scripts).environment(environment).protectedEnvironment(protectedEnvironment).lockGuard(lockGuard).lint(lint);
    }

    @Override
    public String toString() {
        return "MigrunConfig[url=" + (url == null ? "embedded" : Redaction.maskUrl(url)) + ", user=" + user
                + ", password=" + (password == null ? "none" : "***") + ", migrations=" + migrations + ", schema=" + schema
                + ", table=" + table + ", lockTimeout=" + lockTimeout + ", target=" + target + ", outOfOrder=" + outOfOrder + ", helpers=" + helpers + ", lockGuard=" + lockGuard + ", lint=" + lint + "]";
    }

    /** Builds a {@link MigrunConfig}; defaults: folder {@code migrations}, table {@code _migrationLog}, 60 s lock timeout. */
    public static final class Builder {
        private String url;
        private String user;
        private String password;
        private Path migrations = Path.of("migrations");
        private String schema;
        private String table = "_migrationLog";
        private Duration lockTimeout = Duration.ofSeconds(60);
        private MigrationVersion target;
        private boolean outOfOrder;
        private Path embeddedDataDir = Path.of(".migrun", "postgres");
        private HelperSettings helpers = HelperSettings.NONE;
        private Path scripts = Path.of("scripts");
        private String environment;
        private boolean protectedEnvironment;
        private LockGuard lockGuard = LockGuard.DEFAULT;
        private LintMode lint = LintMode.WARN;

        public Builder url(String v) { url = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder password(String v) { password = v; return this; }
        public Builder migrations(Path v) { migrations = v; return this; }
        public Builder schema(String v) { schema = v; return this; }
        public Builder table(String v) { table = v; return this; }
        public Builder lockTimeout(Duration v) { lockTimeout = v; return this; }
        public Builder target(MigrationVersion v) { target = v; return this; }
        public Builder outOfOrder(boolean v) { outOfOrder = v; return this; }
        public Builder embeddedDataDir(Path v) { embeddedDataDir = v; return this; }
        public Builder helpers(HelperSettings v) { helpers = v; return this; }
        public Builder scripts(Path v) { scripts = v; return this; }
        public Builder environment(String v) { environment = v; return this; }
        public Builder protectedEnvironment(boolean v) { protectedEnvironment = v; return this; }
        public Builder lockGuard(LockGuard v) { lockGuard = v; return this; }
        public Builder lint(LintMode v) { lint = v; return this; }

        /**
         * A {@code postgres://} URL becomes the pgjdbc URL; its user and password are used when
         * {@link #user} or {@link #password} set none, which win over the URL's.
         */
        public MigrunConfig build() {
            PostgresUrl parsed = PostgresUrl.parse("url", url);
            return new MigrunConfig(parsed.jdbcUrl(), user != null ? user : parsed.user(), password != null ? password : parsed.password(), migrations, schema, table, lockTimeout, target, outOfOrder, embeddedDataDir, helpers,
                    scripts, environment, protectedEnvironment, lockGuard, lint);
        }
    }
}
