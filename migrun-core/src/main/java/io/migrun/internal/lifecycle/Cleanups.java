package io.migrun.internal.lifecycle;

import io.migrun.AppliedMigration;
import io.migrun.CleanupResult;
import io.migrun.ConfigurationException;
import io.migrun.MigrationFailedException;
import io.migrun.MigrationListener;
import io.migrun.MigrationState;
import io.migrun.MigrationVersion;
import io.migrun.config.MigrunConfig;
import io.migrun.internal.apply.Plan;
import io.migrun.internal.apply.PreparedMigration;
import io.migrun.internal.apply.Preparer;
import io.migrun.internal.apply.Validator;
import io.migrun.internal.history.NewRun;
import io.migrun.internal.history.RunKind;
import io.migrun.internal.history.RunState;
import io.migrun.internal.load.GroovyCompiler;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.load.ScriptScanner;
import io.migrun.internal.session.BlockRun;
import io.migrun.internal.session.Commands;
import io.migrun.internal.session.RunHelpers;
import io.migrun.internal.session.Session;
import io.migrun.internal.walk.InlineBatches;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract phase: a migration with {@code cleanupAfter} and {@code cleanup { }} is recorded as
 * awaiting cleanup when it is applied, and {@code migrun cleanup} runs each cleanup whose wait has
 * passed, once, as a {@code cleanup} run.
 */
public final class Cleanups {

    private final Commands commands;
    private final MigrunConfig config;
    private final MigrationListener listener;
    private final Clock clock;

    public Cleanups(Commands commands, Clock clock) {
        this.commands = commands;
        this.config = commands.config();
        this.listener = commands.listener();
        this.clock = clock;
    }

    /**
     * Runs the cleanups whose wait has passed, in version order; with {@code only}, that one
     * cleanup, which must be eligible unless {@code force}.
     */
    public CleanupResult run(MigrationVersion only, boolean force) {
        if (force && only == null) {
            throw new ConfigurationException("--force runs one cleanup early and needs its version: migrun cleanup <version> --force.");
        }
        List<ResolvedScript> scripts = new ScriptScanner(config.migrations()).scan();
        Instant now = clock.instant();
        return commands.run(Commands.Access.WRITE, session -> {
            Plan plan = Plan.of(scripts, session.log());
            Validator.checkDrift(plan, session.history().table(), config.migrations().toString(), config.outOfOrder());
            List<Plan.Item> due = new ArrayList<>();
            List<CleanupResult.Waiting> waiting = new ArrayList<>();
            if (only != null) {
                due.add(chosen(plan, only, now, force));
            } else {
                sort(plan, now, due, waiting);
            }
            List<AppliedMigration> ran = new ArrayList<>();
            GroovyCompiler compiler = due.isEmpty() ? null : new GroovyCompiler();
            Preparer preparer = new Preparer(listener, false);
            for (Plan.Item i : due) {
                if (session.stopRequested()) {
                    throw new MigrationFailedException(i.version().toString(), i.name(), "Stopped as asked before the cleanup of V" + i.version()
                            + "; " + ran.size() + " cleanup(s) ran first. Run migrun cleanup again to go on.", null);
                }
                ran.add(cleanup(session, preparer, compiler, i));
            }
            return new CleanupResult(ran, waiting);
        });
    }

    /** Every open cleanup, into those due now and those still waiting. */
    private static void sort(Plan plan, Instant now, List<Plan.Item> due, List<CleanupResult.Waiting> waiting) {
        for (Plan.Item i : plan.items()) {
            if (!open(i)) {
                continue;
            }
            if (i.cleanupEligibleAt() == null || !i.cleanupEligibleAt().isAfter(now)) {
                due.add(i);
            } else {
                waiting.add(new CleanupResult.Waiting(i.version().toString(), i.last().description(), i.cleanupEligibleAt()));
            }
        }
    }

    /** A cleanup that waits or failed, and so may run. */
    private static boolean open(Plan.Item i) {
        return i.cleanup() != null && (i.cleanup().state() == RunState.AWAITING || i.cleanup().state() == RunState.FAILED);
    }

    private Plan.Item chosen(Plan plan, MigrationVersion v, Instant now, boolean force) {
        Plan.Item i = plan.find(v).orElseThrow(() -> new ConfigurationException("Nothing to clean up: version " + v
                + " is neither in " + config.migrations() + " nor in the log."));
        if (i.cleanup() == null) {
            throw new ConfigurationException("V" + v + " has no cleanup phase waiting: it is " + i.state().label()
                    + (i.state() == MigrationState.SUCCEEDED ? " and declares no cleanup { } block" : "") + ".");
        }
        if (i.cleanup().state() == RunState.SUCCEEDED) {
            throw new ConfigurationException("V" + v + " was cleaned up on " + Validator.WHEN.format(i.cleanup().startedAt()) + "; a cleanup runs once.");
        }
        if (i.cleanup().state() == RunState.RUNNING) {
            throw new ConfigurationException("V" + v + "'s cleanup is running now.");
        }
        if (!force && i.cleanupEligibleAt() != null && i.cleanupEligibleAt().isAfter(now)) {
            throw new ConfigurationException("V" + v + "'s cleanup is not eligible yet: it may run from " + Validator.WHEN.format(i.cleanupEligibleAt())
                    + " (applied " + Validator.WHEN.format(i.last().startedAt()) + "). Wait until then, or run it now with: migrun cleanup " + v + " --force");
        }
        return i;
    }

    private AppliedMigration cleanup(Session session, Preparer preparer, GroovyCompiler compiler, Plan.Item i) {
        ResolvedScript script = i.script();
        String v = i.version().toString();
        PreparedMigration m = preparer.load(compiler, script);
        if (m.cleanup() == null) {
            throw new ConfigurationException("V" + v + " (" + script.name() + ") no longer declares a cleanup { } block.");
        }
        listener.beforeMigration(v, "cleanup: " + m.description(), script.name());
        RunHelpers helpers = session.helpers();
        helpers.scope("V" + v + "/cleanup");
        Connection c = session.work();
        BlockRun.Outcome o = BlockRun.of(session, script, new NewRun(v, m.description(), script.name(), RunKind.CLEANUP, script.checksum(), m.transactional()),
                        new BlockRun.Plain("Cleanup of V" + v + " (" + script.name() + ") failed:", "Its transaction was rolled back, so nothing of it was applied.",
                                "Fix the cause and run migrun cleanup again.", "run migrun cleanup again to run it."))
                .lockTimeout(m.lockTimeout())
                .run(() -> m.cleanup().run(session::work, InlineBatches.all(c), helpers));
        return new AppliedMigration(v, "cleanup: " + m.description(), script.name(), o.durationMs(), o.resultJson());
    }
}
