package io.migrun.maven;

import io.migrun.ConfigurationException;
import io.migrun.MigrationVersion;
import io.migrun.Migrun;
import io.migrun.MigrunException;
import io.migrun.config.ConfigLoader;
import io.migrun.config.MigrunConfig;
import io.migrun.config.Redaction;
import io.migrun.config.SecretMask;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the goals: reads the configuration as the {@code migrun} command does (these parameters
 * first, then {@code MIGRUN_*} environment variables, then {@code migrun.yml} in the project's base
 * folder, then defaults), runs one command and turns a failure into a failed build with the
 * command's message. Every line written to the Maven log has the configuration's secrets masked.
 */
abstract class MigrunMojo extends AbstractMojo {

    /** Database URL: {@code jdbc:postgresql://…} or {@code postgres://user:password@host:port/db}. Without one, the embedded PostgreSQL. */
    @Parameter(property = "migrun.url")
    private String url;

    /** Database user. */
    @Parameter(property = "migrun.user")
    private String user;

    /** Database password; prefer the environment variable MIGRUN_PASSWORD, which no build file or debug log shows. */
    @Parameter(property = "migrun.password")
    private String password;

    /** Migrations folder, relative to the project's base folder (default: migrations). */
    @Parameter(property = "migrun.migrations")
    private String migrations;

    /** Log table (default: _migrationLog). */
    @Parameter(property = "migrun.table")
    private String table;

    /** Schema of the log table, created if missing (default: the connection's current schema). */
    @Parameter(property = "migrun.schema")
    private String schema;

    /** How long to wait for another runner's lock, e.g. 60s or 5m (default: 60s). */
    @Parameter(property = "migrun.lockTimeout")
    private String lockTimeout;

    /** The lock guard: the lock_timeout of every migration statement, e.g. 5s; 0 turns it off (default: 5s). */
    @Parameter(property = "migrun.ddlLockTimeout")
    private String ddlLockTimeout;

    /** How many times a migration that timed out on a lock is tried again (default: 5). */
    @Parameter(property = "migrun.lockRetries")
    private String lockRetries;

    /** The most time one migration's lock retries take, e.g. 2m (default: 2m). */
    @Parameter(property = "migrun.lockRetryTime")
    private String lockRetryTime;

    /** Keyring for the scripts' crypto. */
    @Parameter(property = "migrun.keysFile")
    private String keysFile;

    /** Folder of ad-hoc scripts (default: scripts). */
    @Parameter(property = "migrun.scripts")
    private String scripts;

    /** Environment from migrun.yml's environments: section. */
    @Parameter(property = "migrun.env")
    private String env;

    /** Configuration file, relative to the project's base folder (default: migrun.yml). */
    @Parameter(property = "migrun.config")
    private String config;

    /** Apply (or validate, or rehearse) nothing above this version. */
    @Parameter(property = "migrun.target")
    private String target;

    /** Accept and apply pending versions older than the newest applied one. */
    @Parameter(property = "migrun.outOfOrder", defaultValue = "false")
    private boolean outOfOrder;

    /** Where the embedded PostgreSQL keeps its data (default: .migrun/postgres in the project's base folder, as the command line). */
    @Parameter(property = "migrun.embeddedDataDir")
    private File embeddedDataDir;

    /** Confirms a change to an environment marked {@code protected: true} in migrun.yml, which a build cannot confirm on a terminal. */
    @Parameter(property = "migrun.yes", defaultValue = "false")
    private boolean yes;

    /** Skips the goal. */
    @Parameter(property = "migrun.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    private SecretMask mask;

    /** Runs the goal's one command; writes through {@link #info}. */
    abstract void run(Migrun migrun) throws MojoFailureException;

    /** Whether the goal changes the database, and so must be confirmed for a protected environment. */
    boolean changes() {
        return true;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping migrun (skip is set).");
            return;
        }
        quietEmbeddedServer();
        mask = SecretMask.of(ConfigLoader.secretsIn(System.getenv())).add(secrets());
        try (Migrun migrun = Migrun.configure().config(configuration()).secretMask(mask)
                .listener(new MavenLogListener(getLog(), mask)).load()) {
            confirm(migrun.config());
            run(migrun);
        } catch (ConfigurationException e) {
            throw new MojoExecutionException(failure(e));
        } catch (MigrunException e) {
            throw new MojoFailureException(failure(e));
        } catch (RuntimeException e) {
            throw new MojoExecutionException(failure(e));
        }
    }

    /**
     * The embedded server's library logs every line of initdb and the server through SLF4J, which in
     * Maven is the build log; the command line drops them, and so does the plugin, leaving its
     * warnings and errors and migrun's own notice of where the data is. A level set with -D wins.
     */
    private static void quietEmbeddedServer() {
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.io.zonky.test.db.postgres", "warn");
    }

    private MigrunConfig configuration() {
        MigrunConfig.Builder b = ConfigLoader.load(flags(), System.getenv(), basedir.toPath())
                .target(version("target", target))
                .outOfOrder(outOfOrder);
        if (embeddedDataDir != null) {
            b.embeddedDataDir(embeddedDataDir.toPath());
        }
        return b.build();
    }

    /** The parameters under the names {@link ConfigLoader} reads, as the command line passes its options; blank counts as unset. */
    private Map<String, String> flags() {
        Map<String, String> m = new HashMap<>();
        m.put("url", url);
        m.put("user", user);
        m.put("password", password);
        m.put("migrations", migrations);
        m.put("table", table);
        m.put("schema", schema);
        m.put("lockTimeout", lockTimeout);
        m.put("ddlLockTimeout", ddlLockTimeout);
        m.put("lockRetries", lockRetries);
        m.put("lockRetryTime", lockRetryTime);
        m.put("keysFile", keysFile);
        m.put("scripts", scripts);
        m.put("env", env);
        m.put("config", config);
        m.replaceAll((key, value) -> value == null || value.isBlank() ? null : value.strip());
        return m;
    }

    private List<String> secrets() {
        List<String> out = new ArrayList<>(Redaction.passwordsInUrl(url));
        if (password != null) {
            out.add(password);
        }
        return out;
    }

    /** A protected environment needs {@code yes}, as the command line without a terminal needs {@code --yes}. */
    private void confirm(MigrunConfig config) throws MojoFailureException {
        if (!config.protectedEnvironment() || !changes()) {
            return;
        }
        if (!yes) {
            throw new MojoFailureException(config.environment() + " is a protected environment, and a Maven build cannot confirm on a terminal. "
                    + "Nothing was done. Add -Dmigrun.yes=true (or <yes>true</yes>) to confirm.");
        }
        info(config.environment() + " is a protected environment; going on as yes is set.");
    }

    /** The message of a failed command, as the command line prints it after {@code ERROR: }; its cause only in the debug log. */
    private String failure(RuntimeException e) {
        if (getLog().isDebugEnabled()) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            getLog().debug(mask.mask(trace.toString()));
        }
        String message = e instanceof MigrunException ? e.getMessage()
                : "unexpected " + e.getClass().getName() + ": " + e.getMessage() + "\nThis is a bug in migrun; please report it with the goal you ran.";
        return mask.mask(message);
    }

    /** Writes a line to the Maven log at info level, with every known secret masked. */
    void info(String line) {
        getLog().info(mask.mask(line));
    }

    /** The version given as {@code name}, or null when none was; a malformed one is a configuration error naming it. */
    static MigrationVersion version(String name, String text) {
        return text == null || text.isBlank() ? null : ConfigLoader.version(name, text.strip());
    }
}
