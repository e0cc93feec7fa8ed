package io.migrun;

import io.migrun.config.ConfigLoader;
import io.migrun.config.MigrunConfig;
import io.migrun.config.SecretMask;
import io.migrun.internal.adhoc.AdHocRunner;
import io.migrun.internal.apply.DryRun;
import io.migrun.internal.apply.Migrator;
import io.migrun.internal.apply.RetryErrors;
import io.migrun.internal.apply.StatusReader;
import io.migrun.internal.database.Database;
import io.migrun.internal.dialect.PostgresDialect;
import io.migrun.internal.lifecycle.Cleanups;
import io.migrun.internal.lifecycle.DatabaseWait;
import io.migrun.internal.lifecycle.Operations;
import io.migrun.internal.lifecycle.Repairs;
import io.migrun.internal.lifecycle.Rollback;
import io.migrun.internal.lifecycle.Verifier;
import io.migrun.internal.lint.Linter;
import io.migrun.internal.load.NewMigrationWriter;
import io.migrun.internal.session.Commands;
import io.migrun.internal.session.MaskingListener;
import io.migrun.internal.session.RunnerIdentity;
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
 * One instance per configuration (database, migrations folder, log table). It connects on first
 * use and, without a URL or data source, starts the embedded PostgreSQL, which {@link #close()}
 * stops. The commands and what each throws are described on {@link MigrunCommands}.
 *
 * <p><b>Threads.</b> An instance runs one command at a time: do not call its commands, or
 * {@link #close()}, while one runs on another thread; only the stop methods ({@link #requestStop()}
 * and the three after it) are for another thread (a signal handler, a shutdown hook). After
 * {@link #requestStop()} the instance is spent. Instances in this process or others may run at
 * once; the migration lock keeps those that change the database one after the other.
 *
 * <p><b>Types.</b> Only this package's types, and {@link MigrunConfig} and {@link SecretMask} for
 * configuration; results are immutable. Known secrets ({@link MigrunConfig#secrets()}, an ad-hoc
 * script's {@code secret: true} arguments) are masked in every event and every table it writes.
 */
public final class Migrun implements MigrunCommands, AutoCloseable {

    private final MigrunConfig config;
    private final Database database;
    private final MigrationListener listener;
    private final SecretMask mask;
    private final StopHandle stop = new StopHandle();
    private final Commands commands;
    private final Migrator migrator;
    private final StatusReader statusReader;
    private final Operations operations;

    private Migrun(MigrunConfig config, DataSource dataSource, MigrationListener listener, SecretMask mask) {
        this.config = config;
        this.mask = mask.add(config.secrets());
        this.listener = new MaskingListener(listener, mask);
        this.database = new Database(config, dataSource, this.listener, RunnerIdentity.applicationName(), mask);
        // The one dialect of this instance: every command's session gets it from here.
        this.commands = new Commands(config, database, new PostgresDialect(), this.listener, stop);
        this.migrator = new Migrator(commands);
        this.statusReader = new StatusReader(commands);
        this.operations = new Operations(commands);
    }

    public static Builder configure() { return new Builder(); }

    /** The configuration this instance was built with. */
    public MigrunConfig config() { return config; }

    @Override
    public MigrateResult migrate() {
        return migrator.migrate();
    }

    @Override
    public MigrateResult migrate(RunLimits limits) {
        return migrator.migrate(limits);
    }

    @Override
    public StatusResult status() {
        return statusReader.status();
    }

    @Override
    public ValidateResult validate() {
        return statusReader.validate();
    }

    @Override
    public DryRunResult dryRun(Long limit) {
        return new DryRun(commands).run(limit);
    }

    @Override
    public RetryErrorsResult retryErrors(MigrationVersion version) {
        return new RetryErrors(commands, migrator).retry(Objects.requireNonNull(version, "version"));
    }

    @Override
    public MigrationInfo repair(MigrationVersion version, RepairAction action) {
        return new Repairs(commands).repair(Objects.requireNonNull(version, "version"), Objects.requireNonNull(action, "action"));
    }

    @Override
    public MigrationInfo pause(MigrationVersion version) {
        return operations.pause(Objects.requireNonNull(version, "version"));
    }

    @Override
    public MigrationInfo resume(MigrationVersion version) {
        return operations.resume(Objects.requireNonNull(version, "version"));
    }

    @Override
    public MigrationInfo cancel(MigrationVersion version) {
        return operations.cancel(Objects.requireNonNull(version, "version"));
    }

    @Override
    public MigrationInfo retry(MigrationVersion version) {
        return operations.retry(Objects.requireNonNull(version, "version"));
    }

    @Override
    public List<RowError> errors(MigrationVersion version) {
        return operations.errors(Objects.requireNonNull(version, "version"));
    }

    @Override
    public DownResult down(MigrationVersion to, Integer count, boolean force) {
        return new Rollback(commands).down(to, count, force);
    }

    @Override
    public DryRunResult downDryRun(MigrationVersion to, Integer count, boolean force) {
        return new Rollback(commands).dryRun(to, count, force);
    }

    @Override
    public VerifyResult verify(MigrationVersion version) {
        return new Verifier(commands).verify(version);
    }

    @Override
    public CleanupResult cleanup(MigrationVersion version, boolean force) {
        return new Cleanups(commands, Clock.systemUTC()).run(version, force);
    }

    @Override
    public List<MigrationInfo> baseline(MigrationVersion version) {
        return operations.baseline(Objects.requireNonNull(version, "version"));
    }

    @Override
    public PreparedScript prepareScript(String nameOrPath, Map<String, String> args, String argsJson, boolean dryRun) {
        AdHocRunner.Prepared p = new AdHocRunner(commands).prepare(nameOrPath, args, argsJson, dryRun);
        mask.add(p.secrets());
        return new PreparedScript(p.script().name(), p.description(), p.shownArgs(), p.readOnly(), dryRun, this, p);
    }

    @Override
    public AdHocResult runScript(PreparedScript script, boolean once) {
        return new AdHocRunner(commands).run((AdHocRunner.Prepared) script.compiledFor(this, false), once);
    }

    @Override
    public AdHocResult dryRunScript(PreparedScript script) {
        return new AdHocRunner(commands).dryRun((AdHocRunner.Prepared) script.compiledFor(this, true));
    }

    @Override
    public List<RunRecord> history(String script) {
        return operations.history(script);
    }

    @Override
    public List<TableBackup> backups() {
        return operations.backups();
    }

    @Override
    public List<TableBackup> backupsOlderThan(Duration age) {
        return operations.backupsOlderThan(age);
    }

    @Override
    public List<TableBackup> dropBackups(Duration age) {
        return operations.dropBackups(age);
    }

    @Override
    public Path newMigration(String description, boolean sql) {
        return NewMigrationWriter.write(config.migrations(), description, sql);
    }

    /** {@code migrun lint}: the migrations folder checked for heavy locks and rewrites; offline, never connects. See {@link Linter}. */
    public LintResult lint(Integer pgVersion) { return Linter.lint(config.migrations(), pgVersion); }

    /** {@code migrun wait}: connects until the database accepts, trying again until {@code timeout}; see {@link DatabaseWait}. Throws {@link ConfigurationException} at the timeout. */
    public WaitResult awaitDatabase(Duration timeout) { return new DatabaseWait(database, stop, config).await(timeout); }

    @Override
    public String databaseDescription() {
        return database.describe();
    }

    /**
     * Asks the command running now on another thread to stop as soon as it safely can, as Ctrl-C
     * does: its statement is cancelled and its script interrupted; a transactional run is rolled back
     * and recorded failed, a resumable one ends at its last checkpoint. Later commands stop before they start.
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

    /** For a shutdown hook: ends, as {@link #abandonUnresponsiveRun} does, a command the JVM exits under (a script called {@code System.exit}); the error to show, or null. */
    public String abandonRunAtExit() {
        return stop.abandonAtExit();
    }

    /** Stops an embedded server this instance started; connections of a caller's data source stay the caller's. */
    @Override
    public void close() {
        database.close();
    }

    /**
     * Collects settings; {@link #load()} checks them all and names the one at fault. Settings not
     * given keep {@link MigrunConfig}'s defaults; {@link #config(MigrunConfig)} replaces the configuration given before it.
     */
    public static final class Builder {
        private MigrunConfig.Builder config = MigrunConfig.builder();
        private DataSource dataSource;
        private MigrationListener listener = MigrationListener.NONE;
        private SecretMask mask = new SecretMask();

        /** Starts from a whole configuration, e.g. one read by {@link ConfigLoader}. */
        public Builder config(MigrunConfig value) { config = value.toBuilder(); return this; }
        public Builder dataSource(DataSource value) { dataSource = value; return this; }
        public Builder url(String value) { config.url(value); return this; }
        public Builder user(String value) { config.user(value); return this; }
        public Builder password(String value) { config.password(value); return this; }
        public Builder migrations(Path value) { config.migrations(value); return this; }
        public Builder table(String value) { config.table(value); return this; }
        public Builder schema(String value) { config.schema(value); return this; }
        public Builder lockTimeout(Duration value) { config.lockTimeout(value); return this; }
        public Builder outOfOrder(boolean value) { config.outOfOrder(value); return this; }

        /** Applies nothing above {@code version}; null for no limit. */
        public Builder target(MigrationVersion version) { config.target(version); return this; }

        /** As {@link #target(MigrationVersion)}; text that is not a version is a {@link ConfigurationException} naming {@code target}. */
        public Builder target(String version) { return target(version == null ? null : ConfigLoader.version("target", version)); }

        public Builder listener(MigrationListener value) { listener = Objects.requireNonNull(value, "listener"); return this; }

        /** The mask to add this configuration's secrets to and use, shared with a caller that masks its own output with it. */
        public Builder secretMask(SecretMask value) { mask = Objects.requireNonNull(value, "secretMask"); return this; }

        /** A {@code Migrun} with these settings; connects on first use, not here. */
        public Migrun load() {
            return new Migrun(config.build(), dataSource, listener, mask);
        }
    }

    /** The status lines of what {@link #migrate()} would run now, in order; reads only, and throws as it would when the folder and the log disagree. */
    public List<MigrationInfo> pending() {
        return statusReader.pending();
    }
}
