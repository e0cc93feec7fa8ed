package io.migrun.internal.lifecycle;

import io.migrun.AppliedMigration;
import io.migrun.ConfigurationException;
import io.migrun.DownResult;
import io.migrun.DryRunResult;
import io.migrun.MigrationFailedException;
import io.migrun.MigrationListener;
import io.migrun.MigrationState;
import io.migrun.MigrationVersion;
import io.migrun.config.MigrunConfig;
import io.migrun.internal.apply.DryRun;
import io.migrun.internal.apply.Plan;
import io.migrun.internal.apply.PreparedMigration;
import io.migrun.internal.apply.Preparer;
import io.migrun.internal.apply.Validator;
import io.migrun.internal.history.LogEntry;
import io.migrun.internal.history.NewRun;
import io.migrun.internal.history.RunKind;
import io.migrun.internal.history.RunState;
import io.migrun.internal.load.GroovyCompiler;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.load.ScriptScanner;
import io.migrun.internal.load.ScriptType;
import io.migrun.internal.load.SqlSections;
import io.migrun.internal.session.BlockRun;
import io.migrun.internal.session.Commands;
import io.migrun.internal.session.RunHelpers;
import io.migrun.internal.session.Session;
import io.migrun.internal.walk.InlineBatches;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code migrun down}: runs the {@code down} blocks of the newest applied migrations (the part after
 * {@code -- migrun: down} of an SQL one, see {@link SqlSections}), newest first,
 * each in its own transaction (none for a {@code transaction false} migration), recorded as a
 * {@code down} run that makes the version pending again and forgets its checkpoints. Every chosen
 * migration must have a {@code down} block (or down part), or nothing runs.
 */
public final class Rollback {

    private final Commands commands;
    private final MigrunConfig config;
    private final MigrationListener listener;

    public Rollback(Commands commands) {
        this.commands = commands;
        this.config = commands.config();
        this.listener = commands.listener();
    }

    /**
     * Undoes the newest applied migration, or everything above {@code to}, or the newest {@code count}.
     * A migration whose cleanup (contract phase) ran is refused unless {@code force}.
     */
    public DownResult down(MigrationVersion to, Integer count, boolean force) {
        long started = System.nanoTime();
        List<ResolvedScript> scripts = new ScriptScanner(config.migrations()).scan();
        return commands.run(Commands.Access.WRITE, session -> {
            Plan plan = Plan.of(scripts, session.log());
            List<Plan.Item> items = choose(plan, to, count, force);
            List<AppliedMigration> undone = new ArrayList<>();
            for (PreparedMigration m : prepare(plan, items, false)) {
                if (session.stopRequested()) {
                    throw new MigrationFailedException(m.script().version().toString(), m.script().name(), "Stopped as asked before undoing V"
                            + m.script().version() + "; " + undone.size() + " migration(s) were undone first. Run migrun down again to go on.", null);
                }
                undone.add(undo(session, m));
            }
            // What stays applied: the applied versions below the lowest one undone.
            MigrationVersion lowest = items.get(items.size() - 1).version();
            String current = plan.items().stream()
                    .filter(i -> (i.state() == MigrationState.SUCCEEDED || i.state() == MigrationState.BASELINE) && i.version().compareTo(lowest) < 0)
                    .reduce((a, b) -> b).map(i -> i.version().toString()).orElse(null);
            return new DownResult(undone, current, (System.nanoTime() - started) / 1_000_000);
        });
    }

    /** Runs the chosen down blocks in the dry run's transaction, and reports what they changed; refuses what {@link #down} refuses. */
    public DryRunResult dryRun(MigrationVersion to, Integer count, boolean force) {
        List<ResolvedScript> scripts = new ScriptScanner(config.migrations()).scan();
        return commands.run(Commands.Access.REHEARSE, session -> {
            Plan plan = Plan.of(scripts, session.log());
            List<PreparedMigration> chosen = prepare(plan, choose(plan, to, count, force), true);
            List<DryRunResult.Migration> ran = new ArrayList<>();
            Connection c = session.work();
            RunHelpers helpers = session.helpers();
            for (PreparedMigration m : chosen) {
                session.startClean();
                if (!m.transactional()) {
                    return new DryRunResult(ran, "V" + m.script().version() + " (" + m.script().name() + ") runs without a transaction, "
                            + "so a dry run could not undo its down; the dry run stops before it.");
                }
                InlineBatches batches = InlineBatches.all(c);
                ran.add(DryRun.rehearse(session, m.script(), m.description(), "Dry run of the down", batches,
                        () -> m.down().run(() -> c, batches, helpers)));
            }
            return new DryRunResult(ran, null);
        });
    }

    /** The applied migrations to undo, newest first; refuses what cannot be undone before anything runs. */
    private List<Plan.Item> choose(Plan plan, MigrationVersion to, Integer count, boolean force) {
        if (to != null && count != null) {
            throw new ConfigurationException("Give --to or --count, not both.");
        }
        if (count != null && count < 1) {
            throw new ConfigurationException("--count must be 1 or more, was " + count + ".");
        }
        Validator.checkDrift(plan, "the log", config.migrations().toString(), true);
        Validator.checkNothingHalfApplied(plan);
        List<Plan.Item> chosen = to != null ? above(plan, applied(plan), to) : newest(applied(plan), count == null ? 1 : count);
        List<String> baselined = chosen.stream().filter(i -> i.state() == MigrationState.BASELINE).map(i -> "V" + i.version()).toList();
        if (!baselined.isEmpty()) {
            throw new ConfigurationException("Cannot undo " + String.join(", ", baselined) + ": recorded by migrun baseline, never run by migrun, "
                    + "so there is no down to run. Nothing was undone.");
        }
        // a forgotten version is still applied: passing over it would undo the versions below it first
        List<String> deleted = chosen.stream().filter(i -> i.state() == MigrationState.DELETED).map(i -> "V" + i.version()).toList();
        if (!deleted.isEmpty()) {
            throw new ConfigurationException("Cannot undo " + String.join(", ", deleted) + ": its file was deleted and recorded so by "
                    + "migrun repair --forget-missing, so there is no down to run before the versions below it. Nothing was undone.");
        }
        if (!force) {
            refuseContracted(chosen);
        }
        return chosen;
    }

    /** The applied migrations, newest first; refuses while one is running or paused. */
    private static List<Plan.Item> applied(Plan plan) {
        List<Plan.Item> applied = new ArrayList<>();
        for (Plan.Item i : plan.items()) {
            if (i.state() == MigrationState.SUCCEEDED || i.state() == MigrationState.BASELINE || i.state() == MigrationState.DELETED) {
                applied.add(0, i);
            } else if (i.state() == MigrationState.RUNNING || i.state() == MigrationState.PAUSED) {
                throw new ConfigurationException("V" + i.version() + " is " + i.state().label()
                        + "; finish it with migrun up (or stop it with migrun cancel " + i.version() + ") before undoing anything.");
            }
        }
        if (applied.isEmpty()) {
            throw new ConfigurationException("Nothing to undo: no migration is applied.");
        }
        return applied;
    }

    private List<Plan.Item> above(Plan plan, List<Plan.Item> applied, MigrationVersion to) {
        if (plan.find(to).isEmpty()) {
            throw new ConfigurationException("--to " + to + " names no migration: there is no V" + to + " in " + config.migrations()
                    + " or in the log. Applied versions: " + versions(applied) + ".");
        }
        List<Plan.Item> chosen = applied.stream().filter(i -> i.version().compareTo(to) > 0).toList();
        if (chosen.isEmpty()) {
            throw new ConfigurationException("Nothing to undo: no migration above V" + to + " is applied (newest applied: V"
                    + applied.get(0).version() + ").");
        }
        return chosen;
    }

    private static List<Plan.Item> newest(List<Plan.Item> applied, int n) {
        if (n > applied.size()) {
            throw new ConfigurationException("--count " + n + " goes past the first version: only " + applied.size() + " migration"
                    + (applied.size() == 1 ? " is" : "s are") + " applied (" + versions(applied) + "). Nothing was undone.");
        }
        return applied.subList(0, n);
    }

    /**
     * A cleanup drops what the expand phase kept for the way back (old columns, old tables); a down
     * written for the expand phase then destroys the only copy of the data, so it needs --force.
     */
    private static void refuseContracted(List<Plan.Item> chosen) {
        List<String> contracted = new ArrayList<>();
        for (Plan.Item i : chosen) {
            LogEntry c = i.cleanup();
            if (c != null && c.state() == RunState.SUCCEEDED) {
                contracted.add("V" + i.version() + " (" + i.name() + "): its cleanup ran on " + Validator.WHEN.format(c.startedAt()) + " (log id " + c.id() + ")");
            } else if (c != null && c.state() == RunState.FAILED && !c.transactional()) {
                contracted.add("V" + i.version() + " (" + i.name() + "): its cleanup ran without a transaction and failed on "
                        + Validator.WHEN.format(c.startedAt()) + " (log id " + c.id() + "), so some of it may be in place");
            }
        }
        if (!contracted.isEmpty()) {
            throw new ConfigurationException("Cannot undo " + String.join("; ", contracted) + ", so the old form of its data may be gone and its down block, "
                    + "written for the expand phase, would destroy what exists only in the new form. Nothing was undone. "
                    + "Reverse the change in a new migration, or run migrun down --force to undo it anyway.");
        }
    }

    private static String versions(List<Plan.Item> items) {
        return String.join(", ", items.stream().map(i -> "V" + i.version()).toList());
    }

    /** Compiles every chosen script first, so a missing down block stops the command before anything runs. */
    private List<PreparedMigration> prepare(Plan plan, List<Plan.Item> chosen, boolean dryRun) {
        GroovyCompiler compiler = new GroovyCompiler();
        Preparer preparer = new Preparer(listener, dryRun);
        List<PreparedMigration> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Plan.Item i : chosen) {
            ResolvedScript script = i.script();
            if (script == null) {
                problems.add("V" + i.version() + " (" + i.name() + "): its file is gone from " + config.migrations());
                continue;
            }
            PreparedMigration m = preparer.load(compiler, script);
            if (m.down() == null) {
                problems.add("V" + i.version() + " (" + script.name() + ") " + noDown(script));
            } else {
                out.add(m);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Cannot undo:\n  " + String.join("\n  ", problems)
                    + "\nNothing was undone. Add a down { … } block (Groovy), or a line " + SqlSections.MARKER
                    + " followed by statements (SQL), that reverses up; or undo the change in a new migration.");
        }
        return out;
    }

    private static String part(ResolvedScript script) {
        return script.type() == ScriptType.SQL ? "down part" : "down block";
    }

    private static String noDown(ResolvedScript script) {
        if (script.type() == ScriptType.GROOVY) {
            return "declares no down { } block";
        }
        SqlSections sections = SqlSections.of(script);
        return sections.hasDown() ? "has a line " + SqlSections.MARKER + " (line " + sections.markerLine() + ") but no statements after it"
                : "has no line " + SqlSections.MARKER + ", so no down part";
    }

    private AppliedMigration undo(Session session, PreparedMigration m) {
        ResolvedScript script = m.script();
        String v = script.version().toString();
        listener.beforeMigration(v, m.description(), script.name());
        RunHelpers helpers = session.helpers();
        helpers.scope("V" + v + "/down");
        Connection c = session.work();
        BlockRun.Outcome o = BlockRun.of(session, script, new NewRun(v, m.description(), script.name(), RunKind.DOWN, script.checksum(), m.transactional()),
                        new BlockRun.Plain("Down of V" + v + " (" + script.name() + ") failed:", "Its transaction was rolled back, so V" + v + " is still applied.",
                                "Fix the " + part(script) + "'s cause and run migrun down again.", "run migrun down again to undo it."))
                .lockTimeout(m.lockTimeout())
                .also((conn, id) -> {
                    session.history().revert(conn, v);
                    session.progress().forget(conn, v);
                })
                .run(() -> m.down().run(session::work, InlineBatches.all(c), helpers));
        return new AppliedMigration(v, m.description(), script.name(), o.durationMs(), o.resultJson());
    }
}
