package io.migrun.internal.apply;

import io.migrun.AppliedMigration;
import io.migrun.MigrationFailedException;
import io.migrun.MigrationInfo;
import io.migrun.MigrationListener;
import io.migrun.MigrationState;
import io.migrun.internal.history.LogEntry;
import io.migrun.internal.history.NewRun;
import io.migrun.internal.history.RunKind;
import io.migrun.internal.history.RunState;
import io.migrun.internal.load.GroovyCompiler;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.session.BlockRun;
import io.migrun.internal.session.RunHelpers;
import io.migrun.internal.session.Session;
import io.migrun.internal.walk.InlineBatches;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code R__<words>} scripts: after the versioned migrations, each one that never ran or whose
 * checksum differs from its last successful run runs again, in name order, as a
 * {@code repeatable} run. They are meant to be idempotent (create-or-replace, upserts). The same
 * rule decides what {@code up} runs, what {@code up --dry-run} rehearses and what {@code status}
 * and {@code validate} count as pending.
 */
public final class Repeatables {

    private Repeatables() {
    }

    /** The scripts {@code up} runs, in name order: never run, or changed since their last successful run. */
    static List<ResolvedScript> due(List<ResolvedScript> scripts, List<LogEntry> log) {
        Map<String, LogEntry> succeeded = lastRuns(log, true);
        return scripts.stream().filter(s -> !matches(s, succeeded.get(s.name()))).toList();
    }

    /** One status line per script, after the versioned ones; a pending one says whether it changed or is new. */
    static List<MigrationInfo> infos(List<ResolvedScript> scripts, List<LogEntry> log, Set<Long> interrupted) {
        Map<String, LogEntry> succeeded = lastRuns(log, true);
        Map<String, LogEntry> last = lastRuns(log, false);
        List<MigrationInfo> out = new ArrayList<>();
        for (ResolvedScript s : scripts) {
            LogEntry ok = succeeded.get(s.name());
            LogEntry latest = last.get(s.name());
            boolean due = !matches(s, ok);
            MigrationState state = !due ? MigrationState.SUCCEEDED
                    : latest != null && latest.state() == RunState.RUNNING
                    ? (interrupted.contains(latest.id()) ? MigrationState.INTERRUPTED : MigrationState.RUNNING)
                    : latest != null && latest.state() == RunState.FAILED && s.checksum().equals(latest.checksum()) ? MigrationState.FAILED
                    : MigrationState.PENDING;
            LogEntry shown = state == MigrationState.FAILED || state == MigrationState.RUNNING || state == MigrationState.INTERRUPTED ? latest : ok;
            out.add(new MigrationInfo(null, s.description(), s.name(), state, shown == null ? null : shown.startedAt(),
                    shown == null ? null : shown.durationMs(), ok == null ? null : due ? "changed" : "ok", false,
                    state == MigrationState.FAILED ? latest.error() : null, List.of(), null,
                    state == MigrationState.FAILED ? List.of("migrun up") : List.of(), null, null, 0,
                    shown == null ? null : shown.durationMs(), shown == null ? 0 : 1));
        }
        return out;
    }

    private static boolean matches(ResolvedScript script, LogEntry succeeded) {
        return succeeded != null && script.checksum().equals(succeeded.checksum());
    }

    /** The last repeatable run of each script (only successful ones with {@code succeededOnly}), by script name. */
    private static Map<String, LogEntry> lastRuns(List<LogEntry> log, boolean succeededOnly) {
        Map<String, LogEntry> out = new HashMap<>();
        for (LogEntry e : log) {
            if (e.kind() == RunKind.REPEATABLE && (!succeededOnly || e.state() == RunState.SUCCEEDED)) {
                out.put(e.script(), e);
            }
        }
        return out;
    }

    /** Runs the scripts {@code due}, in order, each as a recorded {@code repeatable} run. */
    static List<AppliedMigration> run(Session session, List<ResolvedScript> due, Preparer preparer, Supplier<GroovyCompiler> compiler) {
        MigrationListener listener = session.listener();
        List<AppliedMigration> ran = new ArrayList<>();
        for (ResolvedScript script : due) {
            if (session.stopRequested()) {
                throw new MigrationFailedException(null, script.name(), "Stopped as asked before the repeatable script " + script.name()
                        + "; run migrun up to go on.", null);
            }
            PreparedMigration m = preparer.load(compiler.get(), script);
            listener.beforeMigration(null, m.description(), script.name());
            RunHelpers helpers = session.helpers();
            helpers.scope(script.name());
            Connection c = session.work();
            BlockRun.Outcome o = BlockRun.of(session, script,
                            new NewRun(null, m.description(), script.name(), RunKind.REPEATABLE, script.checksum(), m.transactional()),
                            new BlockRun.Plain("Repeatable script " + script.name() + " failed:", "Its transaction was rolled back.",
                                    "Fix the script and run migrun up again; it runs again because its checksum changes.", "run migrun up again to run it."))
                    .lockTimeout(m.lockTimeout())
                    .run(() -> m.work().run(session::work, InlineBatches.all(c), helpers));
            AppliedMigration done = new AppliedMigration(null, m.description(), script.name(), o.durationMs(), o.resultJson());
            listener.afterMigration(done);
            ran.add(done);
        }
        return ran;
    }
}
