package io.migrun.internal.apply;

import io.migrun.DryRunResult;
import io.migrun.MigrationFailedException;
import io.migrun.MigrationListener;
import io.migrun.config.MigrunConfig;
import io.migrun.config.Redaction;
import io.migrun.dsl.MigrationScript;
import io.migrun.internal.dialect.Dialect;
import io.migrun.internal.history.LogEntry;
import io.migrun.internal.json.Json;
import io.migrun.internal.load.GroovyCompiler;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.load.ScriptScanner;
import io.migrun.internal.load.ScriptType;
import io.migrun.internal.session.BlockRun;
import io.migrun.internal.session.Commands;
import io.migrun.internal.session.Failures;
import io.migrun.internal.session.RunHelpers;
import io.migrun.internal.session.Session;
import io.migrun.internal.walk.InlineBatches;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code up --dry-run}: runs what {@code up} would run (see {@link Pending}) for real, in order,
 * inside one transaction that is always rolled back, each batched walk over its first rows only,
 * and reports what they changed. Records nothing and takes no lock. A migration that runs without
 * a transaction cannot be undone, so the dry run stops before it and says why; at a migration an
 * operator holds it stops as {@code up} does.
 */
public final class DryRun {

    private final Commands commands;
    private final MigrunConfig config;
    private final MigrationListener listener;

    public DryRun(Commands commands) {
        this.commands = commands;
        this.config = commands.config();
        this.listener = commands.listener();
    }

    /** @param limit rows per batched walk, or null for one batch */
    public DryRunResult run(Long limit) {
        ScriptScanner scanner = new ScriptScanner(config.migrations());
        List<ResolvedScript> scripts = scanner.scan();
        return commands.run(Commands.Access.REHEARSE, session -> {
            List<LogEntry> log = session.log();
            Plan plan = Plan.of(scripts, log);
            Validator.checkDrift(plan, session.history().table(), config.migrations().toString(), config.outOfOrder());
            Validator.checkNothingHalfApplied(plan);
            Pending pending = Pending.read(session, plan, config.target(), log, Repeatables.due(scanner.repeatables(), log));
            if (pending.blocked() != null) {
                throw blockedBy(pending.blocked());
            }
            PendingLint.check(pending.now(), config.lint(), session.work(), listener);
            DryRunResult result = rehearseAll(session, pending.now(), limit);
            if (result.refused() == null && pending.hold() != null) {
                listener.onNotice(Holds.describe(pending.hold(), pending.held().name()));
            }
            return result;
        });
    }

    /** What up would refuse: a run without a transaction, cut off by a runner that is gone, may have left changes behind. */
    private static MigrationFailedException blockedBy(ResolvedScript s) {
        String v = s.version().toString();
        return new MigrationFailedException(v, s.name(), "V" + v + " (" + s.name() + ") was cut off while it ran without a transaction, by a runner that is gone, "
                + "so some of its changes may be in place. migrun up will record it as partly applied and run nothing until it is repaired; "
                + "the dry run rehearsed nothing. Run migrun up to record it, check the database, then migrun repair " + v
                + " (run it again) or migrun repair " + v + " --mark-applied (it was finished by hand).", null);
    }

    private DryRunResult rehearseAll(Session session, List<ResolvedScript> due, Long limit) throws SQLException {
        List<DryRunResult.Migration> ran = new ArrayList<>();
        Preparer preparer = new Preparer(listener, true);
        GroovyCompiler compiler = null;
        Connection c = session.work();
        RunHelpers helpers = session.helpers();
        for (ResolvedScript script : due) {
            session.startClean();
            MigrationScript declared = null;
            if (script.type() == ScriptType.GROOVY) {
                compiler = compiler == null ? new GroovyCompiler() : compiler;
                declared = declare(compiler, script);
            }
            PreparedMigration m = preparer.prepare(script, declared);
            if (!m.transactional()) {
                return new DryRunResult(ran, (script.version() == null ? script.name() : "V" + script.version() + " (" + script.name() + ")")
                        + " runs without a transaction, so a dry run could not undo it; the dry run stops before it.");
            }
            InlineBatches batches = new InlineBatches(c, limit);
            ran.add(rehearse(session, script, m.description(), "Dry run", batches, () -> {
                Object result = m.work().run(() -> c, batches, helpers);
                if (m.verify() != null) {
                    m.verify().run(() -> c, batches, helpers);
                }
                return result;
            }));
        }
        return new DryRunResult(ran, null);
    }

    /**
     * Runs {@code body} inside the dry run's transaction on the session's connection and says
     * what it changed; a failure rolls back and becomes an error that says nothing was committed,
     * or, when the script had ended the transaction itself, that part of it was.
     */
    public static DryRunResult.Migration rehearse(Session session, ResolvedScript script, String description,
                                                  String what, InlineBatches batches, BlockRun.Body body) throws SQLException {
        Connection c = session.work();
        Dialect dialect = session.dialect();
        Map<String, long[]> before = tableStats(c, dialect);
        Object result;
        try {
            result = body.run();
            session.transaction().recordAsRunner();
        } catch (Exception | LinkageError | AssertionError | StackOverflowError | OutOfMemoryError e) {
            boolean ended = session.transaction().rollBack(e);
            String why = Redaction.redact(Failures.describe(script, e), session.config().secrets());
            String v = script.version() == null ? null : script.version().toString();
            throw new MigrationFailedException(v, script.name(), what + " of " + script.label()
                    + (script.version() == null ? "" : " (" + script.name() + ")") + " failed:\n  " + why.replace("\n", "\n  ")
                    + (ended ? "\nThe script ended the transaction, so what it did before that may be committed; check the database. Nothing was recorded."
                    : "\nNothing was committed or recorded."), Failures.unwrap(e));
        }
        return new DryRunResult.Migration(script.version() == null ? script.name() : script.version().toString(), description, changes(before, tableStats(c, dialect)),
                batches.walks(), batches.samples(), Json.write(result));
    }

    private static MigrationScript declare(GroovyCompiler compiler, ResolvedScript script) {
        try {
            return Preparer.declare(compiler, script);
        } catch (MigrationFailedException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrationFailedException(script.version() == null ? null : script.version().toString(), script.name(), "Dry run of " + script.label()
                    + (script.version() == null ? "" : " (" + script.name() + ")") + " failed:\n  " + Failures.describe(script, e) + "\nNothing was committed or recorded.", e);
        }
    }

    /** Rows inserted, updated and deleted so far in this transaction, per table. */
    private static Map<String, long[]> tableStats(Connection c, Dialect dialect) throws SQLException {
        Map<String, long[]> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(dialect.transactionTableStatsSql()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3), rs.getLong(4)});
            }
        }
        return out;
    }

    private static List<DryRunResult.TableChanges> changes(Map<String, long[]> before, Map<String, long[]> after) {
        List<DryRunResult.TableChanges> out = new ArrayList<>();
        after.forEach((table, n) -> {
            long[] b = before.getOrDefault(table, new long[3]);
            long ins = n[0] - b[0];
            long upd = n[1] - b[1];
            long del = n[2] - b[2];
            if (ins != 0 || upd != 0 || del != 0) {
                out.add(new DryRunResult.TableChanges(table, ins, upd, del));
            }
        });
        return out;
    }
}
