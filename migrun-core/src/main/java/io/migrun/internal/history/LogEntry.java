package io.migrun.internal.history;

import io.migrun.RepairAction;
import io.migrun.internal.json.Json;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** One row of the log table, as read. */
public record LogEntry(long id, String version, String description, String script, RunKind kind,
                       String checksum, RunState state, boolean transactional, String result, String error,
                       Instant startedAt, Instant finishedAt, Long durationMs, String runBy, String args) {

    /**
     * For a {@code repair} row, the action its result records under {@code action}
     * ({@link #actionName}); null for other rows. A repair row without one counts as
     * {@link RepairAction#RETRY}, as every repair row did before there were others.
     */
    public RepairAction repairAction() {
        if (kind != RunKind.REPAIR) {
            return null;
        }
        Object action = Json.parse(result) instanceof Map<?, ?> m ? m.get("action") : null;
        return action == null ? RepairAction.RETRY : RepairAction.valueOf(action.toString().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** How a repair row's result names {@code action}: {@code retry}, {@code mark-applied}, {@code accept-checksum}, {@code forget-missing}. */
    public static String actionName(RepairAction action) {
        return action.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
