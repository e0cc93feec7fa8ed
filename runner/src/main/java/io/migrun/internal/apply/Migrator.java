package io.migrun.internal.apply;

import io.migrun.AppliedMigration;
import io.migrun.ConfigurationException;
import io.migrun.MigrateResult;
import io.migrun.MigrationFailedException;
import io.migrun.MigrationInfo;
import io.migrun.MigrationListener;
import io.migrun.MigrationState;
import io.migrun.MigrationVersion;
import io.migrun.MigrunException;
import io.migrun.RetryErrorsResult;
import io.migrun.RowError;
import io.migrun.RunLimits;
import io.migrun.StatusResult;
import io.migrun.ValidateResult;
import io.migrun.config.MigrunConfig;
import io.migrun.config.Redaction;
import io.migrun.internal.database.Database;
import io.migrun.internal.dialect.Dialect;
import io.migrun.internal.dialect.PostgresDialect;
import io.migrun.internal.history.Control;
import io.migrun.internal.history.HistoryStore;
import io.migrun.internal.history.LogEntry;
import io.migrun.internal.history.NewRun;
import io.migrun.internal.history.RunKind;
import io.migrun.internal.history.RunState;
import io.migrun.internal.json.Json;
import io.migrun.internal.load.GroovyCompiler;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.load.ScriptScanner;
import io.migrun.internal.session.Failures;
import io.migrun.internal.session.Interruptions;
import io.migrun.internal.session.RunControl;
import io.migrun.internal.session.RunHelpers;
import io.migrun.internal.session.RunTransaction;
import io.migrun.internal.session.RunnerIdentity;
import io.migrun.internal.session.RunnerLiveness;
import io.migrun.internal.session.Session;
import io.migrun.internal.session.StopHandle;
import io.migrun.internal.session.TransactionEnded;
import io.migrun.internal.session.Transactions;
import io.migrun.internal.walk.ErrorRetry;
import io.migrun.internal.walk.ResumableRun;
import io.migrun.internal.walk.SkippedRows;
import io.migrun.internal.walk.StopRun;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The core: ordering, validation, transactions and recording. One instance per configured
 * {@code Migrun}; not thread-safe (concurrent runners are kept apart by the database lock).
 */
public final class Migrator {

    private final MigrunConfig config;
    private final Database db;
    private final MigrationListener listener;
    private final Dialect dialect = new PostgresDialect();
    private final ScriptScanner scanner;
    private GroovyCompiler compiler;
    private final StopHandle stop;
    private final Preparer preparer;

    public Migrator(MigrunConfig config, Database db, MigrationListener listener, StopHandle stop) {
        this.config = config;
        this.db = db;
        this.listener = listener;
        this.stop = stop;
        this.scanner = new ScriptScanner(config.migrations());
        this.preparer = new Preparer(listener, false);
    }

    /** How this process names its database sessions. */
    public static String applicationName() {
        return RunnerIdentity.applicationName();
    }

    /** Applies every pending migration in version order, stopping at the first failure. */
    public MigrateResult migrate() {
        return migrate(RunLimits.NONE);
    }

    /**
     * Applies pending migrations in version order, stopping at the first failure, at an operator's
     * hold, or at a checkpoint when a signal or {@code limits} say so (then the result says where).
     */
    public MigrateResult migrate(RunLimits limits) {
        long started = System.nanoTime();
        List<ResolvedScript> scripts = scanner.scan();
        List<ResolvedScript> repeatables = scanner.repeatables();
        if (scripts.isEmpty() && repeatables.isEmpty()) {
            listener.onNotice("No migrations found in " + config.migrations() + "; nothing to do.");
            return new MigrateResult(List.of(), null, millisSince(started), null);
        }
        List<AppliedMigration> applied = new ArrayList<>();
        RunControl control = new RunControl(limits);
        try (Session session = Session.locked(db, dialect, config);
             RunHelpers helpers = RunHelpers.of(config, session);
             StopHandle.Scope scope = stop.enter(session)) {
            scope.control(control);
            HistoryStore history = session.history();
            Interruptions.close(session, config.secrets(), config.lockTimeout(), listener);
            Plan plan = Plan.of(scripts, session.log());
            Validator.checkDrift(plan, history.table(), config.migrations().toString(), config.outOfOrder());
            Validator.checkNothingHalfApplied(plan);
            Map<String, Control> holds = new HashMap<>();
            session.progress().controls(session.work()).forEach(h -> holds.put(h.version(), h));
            List<ResolvedScript> pending = plan.pending(config.target());
            String current = plan.newestApplied().map(MigrationVersion::toString).orElse(null);
            try (CompileAhead compiled = CompileAhead.start(pending, this::compiler)) {
                for (ResolvedScript script : pending) {
                    String v = script.version().toString();
                    if (control.signalled()) {
                        throw new MigrationFailedException(v, script.name(), "Stopped before V" + v
                                + " as asked; " + applied.size() + " migration(s) were applied first. Run migrun up to go on.", null);
                    }
                    Control hold = holds.get(v);
                    if (hold != null) {
                        return new MigrateResult(applied, current, millisSince(started), Holds.describe(hold, script.name()));
                    }
                    try {
                        applied.add(apply(session, script, compiled, control, helpers));
                    } catch (StopRun stop) {
                        return new MigrateResult(applied, current, millisSince(started), stop.getMessage());
                    }
                    current = newest(current, script.version());
                }
            }
            applied.addAll(Repeatables.run(session, stop, config, repeatables, preparer, this::compiler, helpers, listener));
            return new MigrateResult(applied, current, millisSince(started), null);
        }
    }

    private AppliedMigration apply(Session session, ResolvedScript script, CompileAhead compiled, RunControl control, RunHelpers helpers) {
        listener.beforeMigration(script.version().toString(), script.description(), script.name());
        HistoryStore history = session.history();
        session.startClean();
        Connection c = session.work();
        PreparedMigration m;
        try {
            m = preparer.prepare(script, compiled.get(script));
        } catch (Exception | LinkageError e) {
            long id = history.start(c, run(script, script.description(), true));
            throw failed(session, id, script, Outcome.ROLLED_BACK, e, 0);
        }
        long id = history.start(c, run(script, m.description(), m.transactional()));
        long started = System.nanoTime();
        ResumableRun batches = new ResumableRun(session, dialect, script, listener, control, helpers);
        helpers.scope("V" + script.version() + "/up");
        RunTransaction transaction = session.transaction();
        AppliedMigration done;
        try {
            c.setAutoCommit(!m.transactional());
            if (m.transactional()) {
                transaction.opened();
            }
            Object value = m.work().run(session::work, batches, helpers);
            String result = Json.write(SkippedRows.inResult(value, batches.skippedRows()));
            if (m.verify() != null) {
                helpers.scope("V" + script.version() + "/verify");
                m.verify().run(session::work, batches, helpers);
            }
            long ms = millisSince(started);
            c = session.work();
            transaction.recordAsRunner();
            history.succeed(c, id, result, ms);
            CleanupSchedule.record(history, c, script, m);
            if (!c.getAutoCommit()) {
                c.commit();
            }
            Transactions.autoCommitQuietly(c);
            done = new AppliedMigration(script.version().toString(), m.description(), script.name(), ms, result, batches.skippedRows());
        } catch (StopRun stop) {
            c = session.work();
            Transactions.rollbackQuietly(c);
            Transactions.autoCommitQuietly(c);
            history.stop(c, id, stop.reason() == StopRun.Reason.CANCEL ? RunState.CANCELLED : RunState.PAUSED, stop.getMessage(), millisSince(started));
            throw stop;
        } catch (Exception | LinkageError | AssertionError | StackOverflowError | OutOfMemoryError e) {
            Transactions.rollbackQuietly(session.work());
            Transactions.autoCommitQuietly(session.work());
            boolean ended = e instanceof TransactionEnded || !batches.resumable() && transaction.endedBeforeRollback();
            Outcome outcome = ended ? Outcome.ENDED_BY_SCRIPT : batches.resumable() ? Outcome.RESUMABLE
                    : m.transactional() ? Outcome.ROLLED_BACK : Outcome.NO_TRANSACTION;
            throw failed(session, id, script, outcome, ended && !(e instanceof TransactionEnded) ? new TransactionEnded(e) : e, millisSince(started));
        } finally {
            transaction.closed();
        }
        listener.afterMigration(done);
        return done;
    }

    /** What a failed run left behind, which decides the advice and whether the log row needs repair. */
    private enum Outcome {
        ROLLED_BACK, RESUMABLE, NO_TRANSACTION, ENDED_BY_SCRIPT
    }

    private MigrunException failed(Session session, long id, ResolvedScript script, Outcome outcome, Throwable e, long ms) {
        String what = Redaction.redact(Failures.describe(script, e), config.secrets());
        if (!recordFailure(session, id, what, ms, outcome == Outcome.ENDED_BY_SCRIPT)) {
            return new MigrunException("V" + script.version() + " (" + script.name() + ") committed, but the connection failed as it did: "
                    + what + "\nIt is recorded as applied. Run migrun status to check, then migrun up to go on.", Failures.unwrap(e));
        }
        String v = script.version().toString();
        String partial = "Check the database and undo or finish them by hand, then run\n"
                + "  migrun repair " + v + "                  to run it again with the next migrun up\n"
                + "  migrun repair " + v + " --mark-applied   if you completed it by hand";
        String advice = switch (outcome) {
            case RESUMABLE -> "The failing batch or step was rolled back; the steps and batches committed before it stay, and the next migrun up resumes after them. "
                    + (stop.requested() ? "It was stopped as asked; run migrun up to resume." : "Fix the script and run migrun up again.");
            case ROLLED_BACK -> "Its transaction was rolled back, so nothing of it was applied. "
                    + (stop.requested() ? "It was stopped as asked; run migrun up to apply it." : "Fix the script and run migrun up again.");
            case NO_TRANSACTION -> "It ran without a transaction, so some of its changes may be in place. " + partial;
            case ENDED_BY_SCRIPT -> "The script ended its transaction, so some of its changes may be in place. " + partial;
        };
        return new MigrationFailedException(v, script.name(), "Migration V" + v + " (" + script.name() + ") failed:\n  "
                + what.replace("\n", "\n  ") + "\n" + advice, Failures.unwrap(e));
    }

    /**
     * Writes the failed row in its own transaction, over a fresh connection when the work
     * connection is gone. False when the row turned out to have committed as succeeded.
     */
    private boolean recordFailure(Session session, long id, String error, long ms, boolean partial) {
        try {
            return session.recordFailure(id, error, ms, partial);
        } catch (RuntimeException e) {
            Throwable last = e.getSuppressed().length > 0 ? e.getSuppressed()[0] : e;
            listener.onNotice("Could not record the failure in the log (" + last.getMessage()
                    + "); the next migrun up will mark the run as interrupted.");
            return true;
        }
    }

    /** Created on first need: loading the Groovy compiler is a large part of a short run's start-up. */
    private GroovyCompiler compiler() {
        if (compiler == null) {
            compiler = new GroovyCompiler();
        }
        return compiler;
    }

    /**
     * Drives again only the rows {@code version} left unchanged under {@code onError: 'skip'}:
     * steps are skipped, each walk visits its failed rows one by one, and each row's error is
     * resolved or updated. Recorded in the log as a {@code retry-errors} run.
     */
    public RetryErrorsResult retryErrors(MigrationVersion version) {
        List<ResolvedScript> scripts = scanner.scan();
        try (Session session = Session.locked(db, dialect, config);
             RunHelpers helpers = RunHelpers.of(config, session);
             StopHandle.Scope ignored = stop.enter(session)) {
            session.startClean();
            Connection c = session.work();
            String v = version.toString();
            Plan.Item item = Plan.of(scripts, session.log()).find(version)
                    .orElseThrow(() -> new ConfigurationException("Nothing to retry: version " + version + " is neither in " + config.migrations() + " nor in the log."));
            List<RowError> errors = session.progress().errors(c, v);
            if (errors.isEmpty()) {
                throw new ConfigurationException("V" + v + " has no failed rows to retry.");
            }
            if (item.script() == null) {
                throw new ConfigurationException("Cannot retry the failed rows of V" + v + ": its file is not in " + config.migrations() + ".");
            }
            ResolvedScript script = item.script();
            long id = 0;
            long started = System.nanoTime();
            ErrorRetry retry = null;
            try {
                PreparedMigration m = preparer.load(compiler(), script);
                id = session.history().start(c, new NewRun(v, m.description(), script.name(), RunKind.RETRY_ERRORS, script.checksum(), true));
                retry = new ErrorRetry(c, session.progress(), script, errors, listener, helpers, stop);
                c.setAutoCommit(true);
                m.work().run(session::work, retry, helpers);
                RetryErrorsResult result = new RetryErrorsResult(v, errors.size(), retry.fixed(), retry.stillFailing());
                session.history().succeed(c, id, Json.write(result), millisSince(started));
                return result;
            } catch (StopRun stopped) {
                String what = "stopped as asked after " + (retry.fixed() + retry.stillFailing()) + " of " + errors.size() + " failed rows (" + retry.fixed()
                        + " went through, " + retry.stillFailing() + " failed again); the rows not retried keep their errors";
                session.history().fail(c, id, what, millisSince(started));
                throw new MigrationFailedException(v, script.name(), "up --retry-errors " + v + " was " + what + ". Run migrun up --retry-errors " + v + " to go on.", null);
            } catch (Exception | LinkageError | AssertionError | StackOverflowError | OutOfMemoryError e) {
                if (id == 0) {
                    id = session.history().start(c, new NewRun(v, script.description(), script.name(), RunKind.RETRY_ERRORS, script.checksum(), true));
                }
                throw failed(session, id, script, Outcome.ROLLED_BACK, e, millisSince(started));
            }
        }
    }

    /** Lists every version known from the folder or the log. Reads only; takes no lock and creates nothing. */
    public StatusResult status() {
        List<ResolvedScript> scripts = scanner.scan();
        try (Session session = Session.reading(db, dialect, config)) {
            Connection c = session.work();
            List<LogEntry> log = session.log();
            Plan plan = Plan.of(scripts, log);
            Set<Long> interrupted = RunnerLiveness.interrupted(c, log);
            List<MigrationInfo> infos = new ArrayList<>(plan.infos(session.progress().allCheckpoints(c), session.progress().controls(c), interrupted));
            infos.addAll(Repeatables.infos(scanner.repeatables(), log, interrupted));
            return new StatusResult(db.describe(), plan.newestApplied().map(MigrationVersion::toString).orElse(null), infos);
        }
    }

    /** Checks the folder against the log without running anything. */
    public ValidateResult validate() {
        List<ResolvedScript> scripts = scanner.scan();
        try (Session session = Session.reading(db, dialect, config)) {
            List<LogEntry> log = session.log();
            Plan plan = Plan.of(scripts, log);
            Validator.checkDrift(plan, session.history().table(), config.migrations().toString(), config.outOfOrder());
            Validator.checkNothingHalfApplied(plan);
            int applied = (int) plan.items().stream().filter(i -> i.state() == MigrationState.SUCCEEDED).count();
            List<ResolvedScript> repeatables = scanner.repeatables();
            int repeatablesDue = Repeatables.pending(repeatables, log).size();
            return new ValidateResult(scripts.size() + repeatables.size(), applied + repeatables.size() - repeatablesDue,
                    plan.pending(config.target()).size() + repeatablesDue);
        }
    }

    public static NewRun run(ResolvedScript script, String description, boolean transactional) {
        return new NewRun(script.version().toString(), description, script.name(), RunKind.VERSIONED, script.checksum(), transactional);
    }

    private static String newest(String current, MigrationVersion candidate) {
        return current == null || MigrationVersion.parse(current).compareTo(candidate) < 0 ? candidate.toString() : current;
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
