package io.migrun.internal.adhoc;

import io.migrun.AdHocResult;
import io.migrun.ConfigurationException;
import io.migrun.DryRunResult;
import io.migrun.MigrationFailedException;
import io.migrun.MigrationListener;
import io.migrun.config.MigrunConfig;
import io.migrun.internal.apply.DryRun;
import io.migrun.internal.apply.PreparedMigration;
import io.migrun.internal.apply.Preparer;
import io.migrun.internal.apply.Validator;
import io.migrun.internal.history.LogEntry;
import io.migrun.internal.history.NewRun;
import io.migrun.internal.history.RunKind;
import io.migrun.internal.history.RunState;
import io.migrun.internal.json.Json;
import io.migrun.internal.load.Checksums;
import io.migrun.internal.load.GroovyCompiler;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.load.ScriptText;
import io.migrun.internal.load.ScriptType;
import io.migrun.internal.session.BlockRun;
import io.migrun.internal.session.Commands;
import io.migrun.internal.session.RunHelpers;
import io.migrun.internal.session.Session;
import io.migrun.internal.walk.InlineBatches;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code migrun run}: one ad-hoc script with typed arguments, in one transaction (read-only for
 * {@code readOnly true}), recorded with its arguments and result as an {@code ad-hoc} run.
 */
public final class AdHocRunner {

    private final Commands commands;
    private final MigrunConfig config;
    private final MigrationListener listener;

    public AdHocRunner(Commands commands) {
        this.commands = commands;
        this.config = commands.config();
        this.listener = commands.listener();
    }

    /** A script ready to run: found, compiled, its arguments bound. */
    public record Prepared(ResolvedScript script, String description, Map<String, Object> args, Map<String, Object> shownArgs,
                           List<String> secrets, boolean readOnly, PreparedMigration migration) {
    }

    /**
     * Finds the script ({@code scripts/<name>}, with or without extension, or a path), compiles it and
     * binds its arguments; throws a usage error before anything runs.
     */
    public Prepared prepare(String nameOrPath, Map<String, String> pairs, String argsJson, boolean dryRun) {
        ResolvedScript script = find(nameOrPath);
        PreparedMigration m = new Preparer(listener, dryRun).load(new GroovyCompiler(), script);
        if (script.type() == ScriptType.SQL && (!pairs.isEmpty() || argsJson != null)) {
            throw new ConfigurationException(script.name() + " is an SQL script, which takes no arguments; write it in Groovy with arg declarations.");
        }
        Map<String, Object> args = ArgBinder.bind(script.name(), m.args(), pairs, argsJson);
        return new Prepared(script, m.description(), args, ArgBinder.masked(m.args(), args), ArgBinder.secrets(m.args(), args), m.readOnly(), m);
    }

    /** Runs a prepared script; with {@code once}, skips it when a run with the same arguments succeeded before. */
    public AdHocResult run(Prepared p, boolean once) {
        // A read-only script needs no lock, only the log table to record itself in.
        return commands.run(p.readOnly() ? Commands.Access.RECORD : Commands.Access.LOCK, session -> run(session, p, once));
    }

    private AdHocResult run(Session session, Prepared p, boolean once) {
        ResolvedScript script = p.script();
        String argsJson = Json.write(p.shownArgs());
        if (once) {
            String skipped = earlierSuccess(session, script.name(), argsJson);
            if (skipped != null) {
                return new AdHocResult(script.name(), p.shownArgs(), null, 0, skipped, null);
            }
        }
        List<String> secrets = new ArrayList<>(config.secrets());
        secrets.addAll(p.secrets());
        RunHelpers helpers = session.helpers();
        helpers.scope(script.name() + "/" + argsJson);
        Connection c = session.work();
        if (session.stopRequested()) {
            throw new MigrationFailedException(null, script.name(), "Stopped as asked before " + script.name() + " ran; run it again to do it.", null);
        }
        BlockRun.Outcome o = BlockRun.of(session, script,
                        new NewRun(null, p.description(), script.name(), RunKind.AD_HOC, script.checksum(), p.migration().transactional(), argsJson),
                        new BlockRun.Plain("Script " + script.name() + " failed:", "Its transaction was rolled back, so nothing of it was applied.",
                                "The failed run is in the log; fix the cause and run it again.", "run it again to do it."))
                .readOnly(p.readOnly())
                .secrets(secrets)
                .run(() -> body(p).run(session::work, InlineBatches.all(c), helpers, p.args()));
        return new AdHocResult(script.name(), p.shownArgs(), o.resultJson(), o.durationMs(), null, null);
    }

    /** Runs a prepared script in the dry run's transaction, which is rolled back; records nothing. */
    public AdHocResult dryRun(Prepared p) {
        return commands.run(Commands.Access.REHEARSE, session -> {
            if (!p.migration().transactional()) {
                throw new ConfigurationException(p.script().name() + " runs without a transaction, so a dry run could not undo it.");
            }
            Connection c = session.work();
            RunHelpers helpers = session.helpers();
            InlineBatches batches = InlineBatches.all(c);
            DryRunResult.Migration m = DryRun.rehearse(session, p.script(), p.description(), "Dry run", batches,
                    () -> body(p).run(() -> c, batches, helpers, p.args()));
            return new AdHocResult(p.script().name(), p.shownArgs(), m.result(), 0, null, new DryRunResult(List.of(m), null));
        });
    }

    /** The run block of a Groovy script; the whole of an SQL one. */
    private static PreparedMigration.Work body(Prepared p) {
        return p.migration().run() != null ? p.migration().run() : p.migration().work();
    }

    private static String earlierSuccess(Session session, String script, String argsJson) {
        Object wanted = Json.parse(argsJson);
        List<LogEntry> log = session.log();
        for (int i = log.size() - 1; i >= 0; i--) {
            LogEntry e = log.get(i);
            if (e.kind() == RunKind.AD_HOC && e.script().equals(script) && e.state() == RunState.SUCCEEDED
                    && e.args() != null && Json.parse(e.args()).equals(wanted)) {
                return "--once: " + script + " already succeeded with these arguments on " + Validator.WHEN.format(e.startedAt())
                        + " (log id " + e.id() + "); not run again.";
            }
        }
        return null;
    }

    private ResolvedScript find(String nameOrPath) {
        Path folder = config.scripts();
        List<Path> candidates = new ArrayList<>();
        Path given = Path.of(nameOrPath);
        candidates.add(given.isAbsolute() ? given : folder.resolve(nameOrPath));
        if (!nameOrPath.endsWith(".groovy") && !nameOrPath.endsWith(".sql")) {
            candidates.add(folder.resolve(nameOrPath + ".groovy"));
            candidates.add(folder.resolve(nameOrPath + ".sql"));
        }
        Path file = candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new ConfigurationException(
                "No script '" + nameOrPath + "': looked for " + String.join(", ", candidates.stream().map(Path::toString).toList())
                        + ". Give a path, or the name of a .groovy or .sql file in " + folder + "."));
        String fileName = file.getFileName().toString();
        if (!fileName.endsWith(".groovy") && !fileName.endsWith(".sql")) {
            throw new ConfigurationException(file + " is not a script: migrun runs .groovy and .sql files.");
        }
        String text = ScriptText.read(file);
        Path abs = file.toAbsolutePath().normalize();
        Path root = folder.toAbsolutePath().normalize();
        String name = abs.startsWith(root) ? root.relativize(abs).toString().replace('\\', '/') : fileName;
        String words = fileName.substring(0, fileName.lastIndexOf('.')).replace('_', ' ').trim();
        return new ResolvedScript(null, words, name, file, fileName.endsWith(".sql") ? ScriptType.SQL : ScriptType.GROOVY,
                text, Checksums.of(text), ResolvedScript.Role.AD_HOC);
    }
}
