package io.migrun.engine;

import io.migrun.AppliedMigration;
import io.migrun.MigrationListener;
import io.migrun.config.MigrunConfig;
import io.migrun.history.LogEntry;
import io.migrun.history.NewRun;
import io.migrun.history.RunKind;
import io.migrun.history.RunState;
import io.migrun.load.GroovyCompiler;
import io.migrun.load.ResolvedScript;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code R__<words>} scripts: after the versioned migrations, each one that never ran or whose
 * checksum differs from its last successful run runs again, in name order, as a
 * {@code repeatable} run. They are meant to be idempotent (create-or-replace, upserts).
 */
final class Repeatables {

    private Repeatables() {
    }

    static List<AppliedMigration> run(Session session, MigrunConfig config, List<ResolvedScript> scripts, Preparer preparer,
                                      Supplier<GroovyCompiler> compiler, RunHelpers helpers, MigrationListener listener) {
        if (scripts.isEmpty()) {
            return List.of();
        }
        Map<String, String> lastChecksum = new HashMap<>();
        for (LogEntry e : session.log()) {
            if (e.kind() == RunKind.REPEATABLE && e.state() == RunState.SUCCEEDED) {
                lastChecksum.put(e.script(), e.checksum());
            }
        }
        List<AppliedMigration> ran = new ArrayList<>();
        for (ResolvedScript script : scripts) {
            if (script.checksum().equals(lastChecksum.get(script.name()))) {
                continue;
            }
            PreparedMigration m = preparer.load(compiler.get(), script);
            listener.beforeMigration(null, m.description(), script.name());
            helpers.scope(script.name());
            Connection c = session.work();
            BlockRun.Outcome o = BlockRun.run(session, config.secrets(), script,
                    new NewRun(null, m.description(), script.name(), RunKind.REPEATABLE, script.checksum(), m.transactional()), false,
                    () -> m.work().run(session::work, InlineBatches.all(c), helpers), null,
                    "Repeatable script " + script.name() + " failed:",
                    "Its transaction was rolled back. Fix the script and run migrun up again; it runs again because its checksum changes.");
            AppliedMigration done = new AppliedMigration(null, m.description(), script.name(), o.durationMs(), o.resultJson());
            listener.afterMigration(done);
            ran.add(done);
        }
        return ran;
    }
}
