package io.migrun;

import io.migrun.config.ConfigLoader;
import io.migrun.config.MigrunConfig;
import io.migrun.config.SecretMask;
import io.migrun.internal.adhoc.AdHocRunner;
import io.migrun.internal.apply.DryRun;
import io.migrun.internal.apply.Migrator;
import io.migrun.internal.database.Database;
import io.migrun.internal.lifecycle.Cleanups;
import io.migrun.internal.lifecycle.Operations;
import io.migrun.internal.lifecycle.Rollback;
import io.migrun.internal.lifecycle.Verifier;
import io.migrun.internal.load.NewMigrationWriter;
import io.migrun.internal.load.ScriptType;
import io.migrun.internal.session.MaskingListener;
import io.migrun.internal.session.StopHandle;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The embedding API and the only entry point the CLI uses:
 * <pre>{@code
 * try (Migrun migrun = Migrun.configure().dataSource(ds).migrations(Path.of("db/migrations")).load()) {
 *     MigrateResult result = migrun.migrate();
 * }
 * }</pre>
 * A {@code Migrun} connects on first use and, without a URL or data source, starts the embedded
 * PostgreSQL, which {@link #close()} stops. Not thread-safe; concurrent instances, in this process
 * or others, are kept apart by a lock in the database. Failures are {@link MigrunException}s.
 * Every known secret (see {@link MigrunConfig#secrets()}, and an ad-hoc script's {@code secret: true}
 * arguments) is masked in what it hands the listener and in every table it writes.
 */
public final class Migrun implements AutoCloseable {

    private final MigrunConfig config;
    private final Database database;
    private final Migrator migrator;
    private final Operations operations;
    private final MigrationListener listener;
    private final SecretMask mask;
    private final StopHandle stop = new StopHandle();

    private Migrun(MigrunConfig config, DataSource dataSource, MigrationListener listener, SecretMask mask) {
        this.config = config;
        this.mask = mask.add(config.secrets());
        this.listener = new MaskingListener(listener, mask);
        this.database = new Database(config, dataSource, this.listener, Migrator.applicationName(), mask);
        this.migrator = new Migrator(config, database, this.listener, stop);
        this.operations = new Operations(config, database, this.listener);
    }

    public static Builder configure() {
        return new Builder();
    }

    public MigrunConfig config() {
        return config;
    }

    /** Applies pending migrations in version order; see {@link MigrateResult}. */
    public MigrateResult migrate() {
        return migrator.migrate();
    }

    /** Every migration's state, read without taking the lock or creating anything. */
    public StatusResult status() {
        return migrator.status();
    }

    /** Checks the folder against the log; throws {@link ValidationException} listing every difference. */
    public ValidateResult validate() {
        return migrator.validate();
    }

    /** Applies pending migrations, ending early at a checkpoint when {@code limits} say so; see {@link MigrateResult#stopped()}. */
    public MigrateResult migrate(RunLimits limits) {
        return migrator.migrate(limits);
    }

    /**
     * Runs the pending migrations in one transaction that is always rolled back, each batched walk
     * over its first {@code limit} rows (one batch when null), and reports what they changed.
     * Records nothing.
     */
    public DryRunResult dryRun(Long limit) {
        return new DryRun(config, database, listener, stop).run(limit);
    }

    /** Drives again only the rows a migration left unchanged under {@code onError: 'skip'}. */
    public RetryErrorsResult retryErrors(String version) {
        return migrator.retryErrors(ConfigLoader.version("version", version));
    }

    /** Resolves a failed run so that {@code migrate()} may go on; see {@code migrun repair}. */
    public MigrationInfo repair(String version, boolean markApplied) {
        return operations.repair(ConfigLoader.version("version", version), markApplied);
    }

    /** Holds a migration: a runner pauses it at its next checkpoint, and {@code migrate()} will not start it until {@link #resume}. */
    public MigrationInfo pause(String version) {
        return operations.pause(ConfigLoader.version("version", version));
    }

    /** Lifts a pause; the next {@code migrate()} resumes the migration from its checkpoint. */
    public MigrationInfo resume(String version) {
        return operations.resume(ConfigLoader.version("version", version));
    }

    /** Stops a migration at its next checkpoint, keeping what it committed, and holds it until {@link #retry}. */
    public MigrationInfo cancel(String version) {
        return operations.cancel(ConfigLoader.version("version", version));
    }

    /** Lifts a cancel; the next {@code migrate()} runs the migration again from its last checkpoint. */
    public MigrationInfo retry(String version) {
        return operations.retry(ConfigLoader.version("version", version));
    }

    /** The rows a migration left unchanged under {@code onError: 'skip'}. */
    public List<RowError> errors(String version) {
        return operations.errors(ConfigLoader.version("version", version));
    }

    /**
     * Undoes the newest applied migration (both arguments null), every applied one above {@code to},
     * or the newest {@code count}, newest first; each must have a {@code down} block.
     */
    public DownResult down(String to, Integer count) {
        return down(to, count, false);
    }

    /** As {@link #down(String, Integer)}; a migration whose cleanup ran is undone only with {@code force}, as its down may destroy data. */
    public DownResult down(String to, Integer count, boolean force) {
        return new Rollback(config, database, listener, stop).down(to == null ? null : ConfigLoader.version("--to", to), count, force);
    }

    /** Runs the down blocks {@link #down} would run in one transaction that is rolled back, and reports what they changed. */
    public DryRunResult downDryRun(String to, Integer count) {
        return downDryRun(to, count, false);
    }

    /** As {@link #downDryRun(String, Integer)}, refusing what {@link #down(String, Integer, boolean)} refuses. */
    public DryRunResult downDryRun(String to, Integer count, boolean force) {
        return new Rollback(config, database, listener, stop).dryRun(to == null ? null : ConfigLoader.version("--to", to), count, force);
    }

    /** Runs the verify blocks of applied migrations (or of {@code version}) again, read-only. */
    public VerifyResult verify(String version) {
        return new Verifier(config, database, listener, stop).verify(version == null ? null : ConfigLoader.version("version", version));
    }

    /** Runs the cleanups whose wait has passed, or the one of {@code version} ({@code force} runs it early). */
    public CleanupResult cleanup(String version, boolean force) {
        return new Cleanups(config, database, listener, Clock.systemUTC(), stop).run(version == null ? null : ConfigLoader.version("version", version), force);
    }

    /** Records {@code version} as applied, with everything below, without running them; for a database migrun has not migrated. */
    public List<MigrationInfo> baseline(String version) {
        return operations.baseline(ConfigLoader.version("--version", version));
    }

    /** Finds an ad-hoc script, compiles it and binds its arguments; a usage error is thrown before anything runs. */
    public AdHocRunner.Prepared prepareScript(String nameOrPath, Map<String, String> args, String argsJson, boolean dryRun) {
        AdHocRunner.Prepared prepared = new AdHocRunner(config, database, listener, stop).prepare(nameOrPath, args, argsJson, dryRun);
        mask.add(prepared.secrets());
        return prepared;
    }

    /** Runs a prepared ad-hoc script, recorded with its arguments and result; {@code once} skips it after an earlier success with the same arguments. */
    public AdHocResult runScript(AdHocRunner.Prepared script, boolean once) {
        return new AdHocRunner(config, database, listener, stop).run(script, once);
    }

    /** Runs a prepared ad-hoc script in a transaction that is rolled back; records nothing. */
    public AdHocResult dryRunScript(AdHocRunner.Prepared script) {
        return new AdHocRunner(config, database, listener, stop).dryRun(script);
    }

    /** Every run in the log, oldest first, or only those of one script or version. */
    public List<RunRecord> history(String script) {
        return operations.history(script);
    }

    /** The backup tables migrations took with {@code backup}, oldest first. */
    public List<TableBackup> backups() {
        return operations.backups();
    }

    /** Drops the backups older than {@code age}. */
    public List<TableBackup> dropBackups(Duration age) {
        return operations.dropBackups(age);
    }

    /**
     * Asks the command running now on another thread ({@link #migrate()}, {@link #down}, {@link #cleanup},
     * {@link #runScript}, {@link #verify}, {@link #retryErrors}, a dry run) to stop as soon as it safely
     * can: the statement running now is cancelled and the script's thread interrupted; a transactional
     * run is rolled back and recorded failed, a resumable migration ends at its last checkpoint, and
     * nothing further starts. Later commands of this instance stop before they start.
     */
    public void requestStop() {
        stop.request();
    }

    /** True when no command runs, or the one running ended within {@code timeout} (after {@link #requestStop}, say). */
    public boolean awaitStopped(Duration timeout) {
        return stop.awaitIdle(timeout);
    }

    /**
     * Ends, from another thread, a command that did not stop within {@code waited} of {@link #requestStop}
     * (it runs code that ignores interrupts): its work sessions are ended, so their transactions roll
     * back, and its open runs are recorded failed. Returns the error to show, or null when nothing runs.
     */
    public String abandonUnresponsiveRun(Duration waited) {
        return stop.abandonUnresponsive(waited);
    }

    /**
     * For a shutdown hook: ends a command the JVM is exiting under (a script that called
     * {@code System.exit}), as {@link #abandonUnresponsiveRun} does. Returns the error to show, or
     * null when nothing runs.
     */
    public String abandonRunAtExit() {
        return stop.abandonAtExit();
    }

    /** Writes a new migration file with the next free version and returns its path. Needs no database. */
    public Path newMigration(String description, boolean sql) {
        return new NewMigrationWriter(config.migrations(), Clock.systemUTC()).write(description, sql ? ScriptType.SQL : ScriptType.GROOVY);
    }

    /** A description of the database in use, with any password masked. */
    public String databaseDescription() {
        return database.describe();
    }

    @Override
    public void close() {
        database.close();
    }

    /** Collects settings; {@link #load()} checks them all and names the one at fault. */
    public static final class Builder {
        private MigrunConfig.Builder config = MigrunConfig.builder();
        private DataSource dataSource;
        private MigrationListener listener = MigrationListener.NONE;
        private SecretMask mask = new SecretMask();

        /** Starts from a whole configuration, e.g. one read by {@link ConfigLoader}. */
        public Builder config(MigrunConfig value) {
            config = value.toBuilder();
            return this;
        }

        public Builder dataSource(DataSource value) {
            dataSource = value;
            return this;
        }

        public Builder url(String value) {
            config.url(value);
            return this;
        }

        public Builder user(String value) {
            config.user(value);
            return this;
        }

        public Builder password(String value) {
            config.password(value);
            return this;
        }

        public Builder migrations(Path value) {
            config.migrations(value);
            return this;
        }

        public Builder table(String value) {
            config.table(value);
            return this;
        }

        public Builder schema(String value) {
            config.schema(value);
            return this;
        }

        public Builder lockTimeout(Duration value) {
            config.lockTimeout(value);
            return this;
        }

        public Builder target(String version) {
            config.target(version == null ? null : ConfigLoader.version("target", version));
            return this;
        }

        public Builder outOfOrder(boolean value) {
            config.outOfOrder(value);
            return this;
        }

        public Builder listener(MigrationListener value) {
            listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** The mask to add this configuration's secrets to and use, shared with a caller that masks its own output with it. */
        public Builder secretMask(SecretMask value) {
            mask = Objects.requireNonNull(value, "secretMask");
            return this;
        }

        public Migrun load() {
            return new Migrun(config.build(), dataSource, listener, mask);
        }
    }
}
