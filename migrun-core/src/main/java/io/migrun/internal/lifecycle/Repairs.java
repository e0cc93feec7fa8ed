package io.migrun.internal.lifecycle;

import io.migrun.ConfigurationException;
import io.migrun.MigrationInfo;
import io.migrun.MigrationState;
import io.migrun.MigrationVersion;
import io.migrun.RepairAction;
import io.migrun.internal.apply.Migrator;
import io.migrun.internal.apply.Plan;
import io.migrun.internal.history.HistoryStore;
import io.migrun.internal.history.LogEntry;
import io.migrun.internal.history.NewRun;
import io.migrun.internal.history.RunKind;
import io.migrun.internal.history.RunState;
import io.migrun.internal.json.Json;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.load.ScriptScanner;
import io.migrun.internal.session.Commands;
import io.migrun.internal.session.Transactions;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code migrun repair}: an operator resolves what stops {@code up} at one version, as the
 * {@link RepairAction} says, under the migration lock. Each action is recorded as a {@code repair}
 * row whose result names it ({@code {"action": …, "resolves": <log id>}}, and for an accepted edit
 * the old and new checksum); the log read by {@link Plan} then no longer reports the version. A
 * version the action does not fit is refused with what was found and what fits, and nothing is written.
 */
public final class Repairs {

    private static final String FOR_EDITS = " --accept-checksum is for an applied migration whose script was edited since; see migrun status.";
    private static final String FOR_DELETIONS = " --forget-missing is for an applied migration whose file was deleted;";

    private final Commands commands;
    private final Path folder;
    private final ScriptScanner scanner;

    public Repairs(Commands commands) {
        this.commands = commands;
        this.folder = commands.config().migrations();
        this.scanner = new ScriptScanner(folder);
    }

    /** Does {@code action} for {@code version} and returns its status line afterwards. */
    public MigrationInfo repair(MigrationVersion version, RepairAction action) {
        List<ResolvedScript> scripts = scanner.scan();
        // a failed run left running by a dead runner is closed first, so that it can be repaired
        Commands.Access access = action == RepairAction.RETRY || action == RepairAction.MARK_APPLIED ? Commands.Access.WRITE : Commands.Access.LOCK;
        return commands.run(access, session -> {
            HistoryStore history = session.history();
            Connection c = session.work();
            Plan.Item item = Operations.find(Plan.of(scripts, session.log()), version, history.table(), "repair", folder);
            switch (action) {
                case RETRY, MARK_APPLIED -> resolveFailed(history, c, item, action == RepairAction.MARK_APPLIED);
                case ACCEPT_CHECKSUM -> acceptChecksum(history, c, item);
                case FORGET_MISSING -> forgetMissing(history, c, item);
            }
            return Operations.info(scripts, session, version);
        });
    }

    /** A failed run becomes pending again, or is recorded as applied (then its success row follows the repair row). */
    private void resolveFailed(HistoryStore history, Connection c, Plan.Item item, boolean markApplied) {
        MigrationVersion version = item.version();
        if (item.state() != MigrationState.PARTIAL && item.state() != MigrationState.FAILED) {
            throw new ConfigurationException("Nothing to repair: V" + version + " is " + item.state().label()
                    + ". repair resolves failed runs (with --accept-checksum or --forget-missing, an applied script edited or deleted since); see migrun status.");
        }
        if (markApplied && item.script() == null) {
            throw new ConfigurationException("Cannot mark V" + version + " applied: its file is not in " + folder + ". Restore the file first.");
        }
        Transactions.inTransaction(c, () -> {
            record(history, c, item, null, Map.of("action", LogEntry.actionName(markApplied ? RepairAction.MARK_APPLIED : RepairAction.RETRY)));
            if (markApplied) {
                history.record(c, Migrator.run(item.script(), item.last().description(), item.last().transactional()), RunState.SUCCEEDED,
                        Json.write(Map.of("markedAppliedBy", "repair")));
            }
        });
    }

    private void acceptChecksum(HistoryStore history, Connection c, Plan.Item item) {
        String which = "V" + item.version() + " (" + item.name() + ")";
        if (item.state() == MigrationState.MISSING) {
            throw new ConfigurationException("Cannot accept the checksum of " + which + ": its file is gone from " + folder
                    + ". Restore the file, or record that it was deleted with migrun repair --forget-missing " + item.version() + ".");
        }
        if (item.state() != MigrationState.SUCCEEDED) {
            throw new ConfigurationException("Cannot accept the checksum of " + which + ": it is " + item.state().label() + "." + FOR_EDITS);
        }
        String old = item.recordedChecksum();
        String now = item.script().checksum();
        if (now.equals(old)) {
            throw new ConfigurationException("Nothing to accept: " + which + " has the checksum the log holds for it (" + old + ")." + FOR_EDITS);
        }
        record(history, c, item, now, Map.of("action", LogEntry.actionName(RepairAction.ACCEPT_CHECKSUM), "oldChecksum", old, "newChecksum", now));
    }

    private void forgetMissing(HistoryStore history, Connection c, Plan.Item item) {
        String which = "V" + item.version() + " (" + item.name() + ")";
        if (item.state() == MigrationState.DELETED) {
            throw new ConfigurationException("Nothing to forget: " + which + " is already recorded as deleted; see migrun status.");
        }
        if (item.state() == MigrationState.SUCCEEDED) {
            throw new ConfigurationException("Cannot forget " + which + ": its file is still in " + folder + "." + FOR_DELETIONS
                    + " delete the file first if that is what you mean.");
        }
        if (item.state() != MigrationState.MISSING) {
            throw new ConfigurationException("Cannot forget " + which + ": it is " + item.state().label() + "." + FOR_DELETIONS + " see migrun status.");
        }
        record(history, c, item, null, Map.of("action", LogEntry.actionName(RepairAction.FORGET_MISSING)));
    }

    /** The repair row: {@code result} with the log id of the run it resolves. */
    private static void record(HistoryStore history, Connection c, Plan.Item item, String checksum, Map<String, Object> result) {
        Map<String, Object> resolves = new HashMap<>(result);
        resolves.put("resolves", item.last().id());
        history.record(c, new NewRun(item.version().toString(), item.last().description(), item.name(), RunKind.REPAIR, checksum, true),
                RunState.SUCCEEDED, Json.write(resolves));
    }
}
