package io.migrun.internal.apply;

import io.migrun.AppliedMigration;
import io.migrun.MigrateResult;
import io.migrun.MigrationFailedException;
import io.migrun.MigrationListener;
import io.migrun.MigrationVersion;
import io.migrun.RunLimits;
import io.migrun.config.MigrunConfig;
import io.migrun.internal.history.LogEntry;
import io.migrun.internal.history.NewRun;
import io.migrun.internal.history.RunKind;
import io.migrun.internal.history.RunState;
import io.migrun.internal.load.GroovyCompiler;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.load.ScriptScanner;
import io.migrun.internal.session.BlockRun;
import io.migrun.internal.session.Commands;
import io.migrun.internal.session.RunControl;
import io.migrun.internal.session.RunHelpers;
import io.migrun.internal.session.Session;
import io.migrun.internal.walk.ResumableRun;
import io.migrun.internal.walk.SkippedRows;
import io.migrun.internal.walk.StopRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code migrun up}: ordering, validation and the run of each pending migration, each recorded
 * through {@link BlockRun}. One instance per configured {@code Migrun}; not thread-safe
 * (concurrent runners are kept apart by the database lock).
 */
public final class Migrator {

    private final Commands commands;
    private final MigrunConfig config;
    private final MigrationListener listener;
    private final ScriptScanner scanner;
    private final Preparer preparer;
    private GroovyCompiler compiler;

    public Migrator(Commands commands) {
        this.commands = commands;
        this.config = commands.config();
        this.listener = commands.listener();
        this.scanner = new ScriptScanner(config.migrations());
        this.preparer = new Preparer(listener, false);
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
        RunControl control = new RunControl(limits);
        return commands.run(Commands.Access.WRITE, session -> {
            session.watch(control);
            return migrate(session, scripts, repeatables, control, started);
        });
    }

    private MigrateResult migrate(Session session, List<ResolvedScript> scripts, List<ResolvedScript> repeatables, RunControl control, long started) {
        List<LogEntry> log = session.log();
        Plan plan = Plan.of(scripts, log);
        Validator.checkDrift(plan, session.history().table(), config.migrations().toString(), config.outOfOrder());
        Validator.checkNothingHalfApplied(plan);
        // Under the lock the runs of dead runners are closed already: none is interrupted any more.
        Pending pending = Pending.of(plan, config.target(), session.progress().controls(session.work()), Set.of(), Repeatables.due(repeatables, log));
        PendingLint.check(pending.now(), config.lint(), session.work(), listener);
        List<AppliedMigration> applied = new ArrayList<>();
        String current = plan.newestApplied().map(MigrationVersion::toString).orElse(null);
        try (CompileAhead compiled = CompileAhead.start(pending.versions(), this::compiler)) {
            for (ResolvedScript script : pending.versions()) {
                stopIfAsked(control, script, applied);
                try {
                    applied.add(apply(session, script, compiled, control));
                } catch (StopRun stop) {
                    return new MigrateResult(applied, current, millisSince(started), stop.getMessage());
                }
                current = newest(current, script.version());
            }
        }
        if (pending.hold() != null) {
            stopIfAsked(control, pending.held(), applied);
            return new MigrateResult(applied, current, millisSince(started), Holds.describe(pending.hold(), pending.held().name()));
        }
        applied.addAll(Repeatables.run(session, pending.repeatables(), preparer, this::compiler));
        return new MigrateResult(applied, current, millisSince(started), null);
    }

    private static void stopIfAsked(RunControl control, ResolvedScript next, List<AppliedMigration> applied) {
        if (control.signalled()) {
            String v = next.version().toString();
            throw new MigrationFailedException(v, next.name(), "Stopped before V" + v
                    + " as asked; " + applied.size() + " migration(s) were applied first. Run migrun up to go on.", null);
        }
    }

    private AppliedMigration apply(Session session, ResolvedScript script, CompileAhead compiled, RunControl control) {
        String v = script.version().toString();
        listener.beforeMigration(v, script.description(), script.name());
        UpWording wording = new UpWording(script);
        PreparedMigration m;
        try {
            m = preparer.prepare(script, compiled.get(script));
        } catch (Exception | LinkageError e) {
            throw BlockRun.of(session, script, run(script, script.description(), true), wording).failedToStart(e);
        }
        RunHelpers helpers = session.helpers();
        ResumableRun batches = new ResumableRun(session, session.dialect(), script, listener, control, helpers);
        helpers.scope("V" + v + "/up");
        BlockRun.Outcome o = BlockRun.of(session, script, run(script, m.description(), m.transactional()), wording)
                .also((c, id) -> CleanupSchedule.record(session.history(), c, script, m))
                .resumable(batches::resumable)
                .lockTimeout(m.lockTimeout())
                .stops(Migrator::stopped)
                .run(() -> {
                    Object result = SkippedRows.inResult(m.work().run(session::work, batches, helpers), batches.skippedRows());
                    if (m.verify() != null) {
                        helpers.scope("V" + v + "/verify");
                        m.verify().run(session::work, batches, helpers);
                    }
                    return result;
                });
        AppliedMigration done = new AppliedMigration(v, m.description(), script.name(), o.durationMs(), o.resultJson(), batches.skippedRows());
        listener.afterMigration(done);
        return done;
    }

    /** A resumable migration that stopped at its checkpoint ends paused, or cancelled by an operator. */
    private static BlockRun.Stop stopped(Throwable e) {
        return e instanceof StopRun s
                ? new BlockRun.Stop(s.reason() == StopRun.Reason.CANCEL ? RunState.CANCELLED : RunState.PAUSED, s.getMessage(), s)
                : null;
    }

    /** Created on first need: loading the Groovy compiler is a large part of a short run's start-up. */
    GroovyCompiler compiler() {
        if (compiler == null) {
            compiler = new GroovyCompiler();
        }
        return compiler;
    }

    /** The log row of a versioned run of {@code script}. */
    public static NewRun run(ResolvedScript script, String description, boolean transactional) {
        return new NewRun(script.version().toString(), description, script.name(), RunKind.VERSIONED, script.checksum(), transactional);
    }

    private static String newest(String current, MigrationVersion candidate) {
        return current == null || MigrationVersion.parse(current).compareTo(candidate) < 0 ? candidate.toString() : current;
    }

    static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
