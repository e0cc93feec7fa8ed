package io.migrun.internal.lifecycle;

import io.migrun.ConfigurationException;
import io.migrun.MigrationInfo;
import io.migrun.MigrationState;
import io.migrun.MigrationVersion;
import io.migrun.RowError;
import io.migrun.RunRecord;
import io.migrun.TableBackup;
import io.migrun.config.MigrunConfig;
import io.migrun.helper.Backups;
import io.migrun.internal.apply.Plan;
import io.migrun.internal.history.HistoryStore;
import io.migrun.internal.history.LogEntry;
import io.migrun.internal.history.NewRun;
import io.migrun.internal.history.ProgressStore;
import io.migrun.internal.history.RunKind;
import io.migrun.internal.history.RunState;
import io.migrun.internal.json.Json;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.load.ScriptScanner;
import io.migrun.internal.session.Commands;
import io.migrun.internal.session.RunnerIdentity;
import io.migrun.internal.session.Session;
import io.migrun.internal.session.Transactions;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an operator does to one migration besides running it (repairs are in {@link Repairs}): pause,
 * resume, cancel or retry a resumable one; list the rows it skipped. Pause and cancel work without the
 * migration lock (the runner holds it) and are honoured by the runner between batches.
 */
public final class Operations {

    private final Commands commands;
    private final MigrunConfig config;
    private final ScriptScanner scanner;

    public Operations(Commands commands) {
        this.commands = commands;
        this.config = commands.config();
        this.scanner = new ScriptScanner(config.migrations());
    }

    /** Holds {@code version}: a runner pauses it at its next checkpoint, and {@code up} will not start it until it is resumed. */
    public MigrationInfo pause(MigrationVersion version) {
        return request(version, "pause", MigrationState.PENDING, MigrationState.RUNNING, MigrationState.PAUSED, MigrationState.FAILED);
    }

    /** Stops {@code version} at its next checkpoint, keeping what it committed, and holds it until retried. */
    public MigrationInfo cancel(MigrationVersion version) {
        return request(version, "cancel", MigrationState.PENDING, MigrationState.RUNNING, MigrationState.PAUSED, MigrationState.FAILED);
    }

    private MigrationInfo request(MigrationVersion version, String request, MigrationState... allowed) {
        List<ResolvedScript> scripts = scanner.scan();
        return commands.run(Commands.Access.READ, session -> {
            Connection c = session.work();
            HistoryStore history = session.history();
            requireTables(history, c);
            Plan.Item item = find(Plan.of(scripts, session.log()), version, history.table(), request);
            if (!List.of(allowed).contains(item.state())) {
                throw new ConfigurationException("Cannot " + request + " V" + version + ": it is " + item.state().label() + ".");
            }
            session.progress().request(c, version.toString(), request, RunnerIdentity.runBy());
            if (request.equals("cancel") && item.state() != MigrationState.RUNNING) {
                NewRun run = new NewRun(version.toString(), item.script() == null ? item.last().description() : item.script().description(),
                        item.name(), RunKind.VERSIONED, item.script() == null ? null : item.script().checksum(), true);
                history.record(c, run, RunState.CANCELLED, Json.write(Map.of("stopped", "cancelled before it ran again")));
            }
            return info(scripts, session, version);
        });
    }

    /** Lifts an operator's pause; the next {@code up} resumes the migration from its checkpoint. */
    public MigrationInfo resume(MigrationVersion version) {
        return lift(version, "pause", "resume", "no pause holds it");
    }

    /** Lifts a cancel; the next {@code up} runs the migration again, resuming from its last checkpoint. */
    public MigrationInfo retry(MigrationVersion version) {
        return lift(version, "cancel", "retry", "it is not cancelled");
    }

    private MigrationInfo lift(MigrationVersion version, String request, String verb, String otherwise) {
        List<ResolvedScript> scripts = scanner.scan();
        return commands.run(Commands.Access.READ, session -> {
            Connection c = session.work();
            HistoryStore history = session.history();
            ProgressStore progress = session.progress();
            requireTables(history, c);
            Plan.Item item = find(Plan.of(scripts, session.log()), version, history.table(), verb);
            boolean held = progress.control(c, version.toString()).filter(h -> h.request().equals(request)).isPresent();
            boolean cancelled = item.state() == MigrationState.CANCELLED;
            if (!held && !(request.equals("cancel") && cancelled)) {
                String state = item.state() == MigrationState.PAUSED
                        ? "it stopped at a checkpoint, and the next migrun up resumes it"
                        : "it is " + item.state().label();
                throw new ConfigurationException("Cannot " + verb + " V" + version + ": " + otherwise + "; " + state + ".");
            }
            Transactions.inTransaction(c, () -> {
                progress.clearRequest(c, version.toString());
                if (cancelled) {
                    history.record(c, new NewRun(version.toString(), item.last().description(), item.name(), RunKind.REPAIR, null, true),
                            RunState.SUCCEEDED, Json.write(Map.of("action", "retry", "resolves", item.last().id())));
                }
            });
            return info(scripts, session, version);
        });
    }

    /**
     * Records {@code version} as the baseline of an existing database: it and every version below
     * count as applied without running. Refused once anything has been applied or baselined.
     */
    public List<MigrationInfo> baseline(MigrationVersion version) {
        List<ResolvedScript> scripts = scanner.scan();
        return commands.run(Commands.Access.LOCK, session -> {
            Connection c = session.work();
            List<LogEntry> done = session.log().stream()
                    .filter(e -> e.state() == RunState.SUCCEEDED && (e.kind() == RunKind.VERSIONED || e.kind() == RunKind.BASELINE)).toList();
            if (!done.isEmpty()) {
                throw new ConfigurationException("Cannot baseline: this database already has " + done.size() + " applied or baselined migration"
                        + (done.size() == 1 ? "" : "s") + " in " + session.history().table() + " (the newest: V" + done.get(done.size() - 1).version()
                        + "). baseline is for a database that migrun has not migrated yet; see migrun status.");
            }
            session.history().record(c, new NewRun(version.toString(), "baseline", "<< baseline >>", RunKind.BASELINE, null, true),
                    RunState.SUCCEEDED, Json.write(Map.of("coversUpTo", version.toString())));
            return Plan.of(scripts, session.log()).infos().stream().filter(i -> i.state() == MigrationState.BASELINE).toList();
        });
    }

    /** Every run in the log, oldest first; with {@code script}, only the runs of that script (a file name, with or without extension, or a version such as V3). */
    public List<RunRecord> history(String script) {
        return commands.run(Commands.Access.READ, session -> session.log().stream().filter(e -> script == null || matches(e, script))
                .map(e -> new RunRecord(e.id(), e.kind().dbValue(), e.version(), e.script(), e.description(), e.state().dbValue(),
                        e.args(), e.result(), e.error(), e.startedAt(), e.durationMs(), e.runBy()))
                .toList());
    }

    private static boolean matches(LogEntry e, String script) {
        String name = e.script();
        String bare = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        return name.equals(script) || bare.equals(script) || e.version() != null && ("V" + e.version()).equalsIgnoreCase(script);
    }

    /** The backup tables migrations took, oldest first. */
    public List<TableBackup> backups() {
        return commands.run(Commands.Access.READ, session -> Backups.list(session.work()));
    }

    /** The backups taken longer than {@code age} ago, oldest first. */
    public List<TableBackup> backupsOlderThan(Duration age) {
        Instant cutoff = Instant.now().minus(age);
        return backups().stream().filter(b -> b.takenAt().isBefore(cutoff)).toList();
    }

    /** Drops the backups older than {@code age}; returns them. */
    public List<TableBackup> dropBackups(Duration age) {
        return commands.run(Commands.Access.LOCK, session -> Backups.dropOlderThan(session.work(), age, Instant.now()));
    }

    /** The rows {@code version} left unchanged under {@code onError: 'skip'}, oldest first. */
    public List<RowError> errors(MigrationVersion version) {
        return commands.run(Commands.Access.READ, session -> session.progress().errors(session.work(), version.toString()));
    }

    private void requireTables(HistoryStore history, Connection c) {
        if (!history.exists(c)) {
            throw new ConfigurationException("Nothing has run here yet: there is no log table " + history.table() + ".");
        }
    }

    private Plan.Item find(Plan plan, MigrationVersion version, String table, String verb) {
        return find(plan, version, table, verb, config.migrations());
    }

    /** The version's line of the plan, or a usage error saying it is neither in the folder nor in the log. */
    static Plan.Item find(Plan plan, MigrationVersion version, String table, String verb, Path folder) {
        return plan.find(version).orElseThrow(() -> new ConfigurationException("Nothing to " + verb + ": version " + version
                + " is neither in " + folder + " nor in the log " + table + "."));
    }

    /** The status line of {@code version}, read after a change. */
    static MigrationInfo info(List<ResolvedScript> scripts, Session session, MigrationVersion version) {
        return Plan.of(scripts, session.log()).infos().stream()
                .filter(i -> MigrationVersion.parse(i.version()).equals(version)).findFirst().orElseThrow();
    }

}
