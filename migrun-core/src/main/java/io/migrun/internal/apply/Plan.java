package io.migrun.internal.apply;

import io.migrun.MigrationInfo;
import io.migrun.MigrationProgress;
import io.migrun.MigrationState;
import io.migrun.MigrationVersion;
import io.migrun.RepairAction;
import io.migrun.helper.Cursor;
import io.migrun.internal.history.Checkpoint;
import io.migrun.internal.history.Control;
import io.migrun.internal.history.LogEntry;
import io.migrun.internal.history.RunKind;
import io.migrun.internal.history.RunState;
import io.migrun.internal.json.Json;
import io.migrun.internal.load.ResolvedScript;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The folder and the log read together: for every version, the script (if any), the last run that
 * decides its state (if any), and the state that follows. Pure; built fresh for every command.
 */
public final class Plan {

    /**
     * One version's script, the log row that decides its state, the last row of its cleanup
     * phase since it was applied (null when it has none), its versioned runs since it was
     * last undone, oldest first, and the checksum its applied text is checked against: the one its
     * run recorded, or the one an operator accepted since ({@code repair --accept-checksum}).
     */
    public record Item(MigrationVersion version, ResolvedScript script, LogEntry last, MigrationState state, LogEntry cleanup, Instant cleanupEligibleAt,
                List<LogEntry> runs, String recordedChecksum) {

        boolean changed() {
            return state == MigrationState.SUCCEEDED && script != null && !script.checksum().equals(recordedChecksum);
        }

        public String name() {
            return script != null ? script.name() : last.script();
        }
    }

    private final List<Item> items;
    private final MigrationVersion newestApplied;

    private Plan(List<Item> items, MigrationVersion newestApplied) {
        this.items = items;
        this.newestApplied = newestApplied;
    }

    public static Plan of(List<ResolvedScript> scripts, List<LogEntry> log) {
        Runs runs = Runs.of(log);
        Map<MigrationVersion, ResolvedScript> byVersion = new LinkedHashMap<>();
        scripts.forEach(s -> byVersion.put(s.version(), s));
        TreeSet<MigrationVersion> versions = new TreeSet<>(byVersion.keySet());
        versions.addAll(runs.last.keySet());
        MigrationVersion baselined = runs.baseline == null ? null : MigrationVersion.parse(runs.baseline.version());
        if (baselined != null) {
            versions.add(baselined);
        }
        List<Item> items = new ArrayList<>();
        MigrationVersion newest = null;
        for (MigrationVersion v : versions) {
            ResolvedScript script = byVersion.get(v);
            LogEntry entry = runs.last.get(v);
            if (entry == null && baselined != null && v.compareTo(baselined) <= 0) {
                entry = runs.baseline;
            }
            MigrationState state = state(entry, script != null, runs.forgotten.contains(v));
            if (state == null) {
                continue;
            }
            if (state == MigrationState.SUCCEEDED || state == MigrationState.MISSING || state == MigrationState.DELETED || state == MigrationState.BASELINE) {
                newest = v;
            }
            boolean applied = state == MigrationState.SUCCEEDED;
            items.add(new Item(v, script, entry, state, applied ? runs.cleanups.get(v) : null, applied ? eligibleAt(runs.awaiting.get(v)) : null,
                    List.copyOf(runs.versioned.getOrDefault(v, List.of())), runs.accepted.getOrDefault(v, entry == null ? null : entry.checksum())));
        }
        return new Plan(items, newest);
    }

    /**
     * The log read version by version: the row that decides each one's state, its cleanup phase, its
     * runs since it was last undone, the baseline; and, since the row that decides its state, the
     * checksum an operator accepted and whether its deleted file was forgotten.
     */
    private static final class Runs {
        final Map<MigrationVersion, LogEntry> last = new LinkedHashMap<>();
        final Map<MigrationVersion, String> accepted = new HashMap<>();
        final Set<MigrationVersion> forgotten = new HashSet<>();
        final Map<MigrationVersion, LogEntry> cleanups = new HashMap<>();
        final Map<MigrationVersion, LogEntry> awaiting = new HashMap<>();
        final Map<MigrationVersion, List<LogEntry>> versioned = new HashMap<>();
        LogEntry baseline;

        static Runs of(List<LogEntry> log) {
            Runs r = new Runs();
            for (LogEntry e : log) {
                if (e.version() != null && e.state() != RunState.REVERTED) {
                    r.add(MigrationVersion.parse(e.version()), e);
                }
            }
            return r;
        }

        private void add(MigrationVersion v, LogEntry e) {
            // accepting an edit or a deleted file leaves the applied run in charge of the version's state
            if (e.repairAction() == RepairAction.ACCEPT_CHECKSUM) {
                accepted.put(v, e.checksum());
                return;
            }
            if (e.repairAction() == RepairAction.FORGET_MISSING) {
                forgotten.add(v);
                return;
            }
            if (e.kind() == RunKind.DOWN && e.state() == RunState.SUCCEEDED) {
                versioned.remove(v);
            } else if (e.kind() == RunKind.VERSIONED) {
                versioned.computeIfAbsent(v, k -> new ArrayList<>()).add(e);
            }
            if (e.kind() == RunKind.VERSIONED || e.kind() == RunKind.REPAIR || e.kind() == RunKind.DOWN && e.state() == RunState.SUCCEEDED) {
                last.put(v, e);
                accepted.remove(v);
                forgotten.remove(v);
                cleanups.remove(v);
                awaiting.remove(v);
            } else if (e.kind() == RunKind.CLEANUP) {
                cleanups.put(v, e);
                if (e.state() == RunState.AWAITING) {
                    awaiting.put(v, e);
                }
            } else if (e.kind() == RunKind.BASELINE && e.state() == RunState.SUCCEEDED) {
                baseline = e;
            }
        }
    }

    /** The state a version is in; null for one that needs no mention (a rolled-back attempt whose file is gone). */
    private static MigrationState state(LogEntry last, boolean hasFile, boolean forgotten) {
        if (last == null || last.kind() == RunKind.REPAIR || last.kind() == RunKind.DOWN) {
            return hasFile ? MigrationState.PENDING : null;
        }
        if (last.kind() == RunKind.BASELINE) {
            return MigrationState.BASELINE;
        }
        if (last.state() == RunState.SUCCEEDED) {
            return hasFile ? MigrationState.SUCCEEDED : forgotten ? MigrationState.DELETED : MigrationState.MISSING;
        }
        if (last.state() == RunState.RUNNING) {
            return MigrationState.RUNNING;
        }
        if (last.state() == RunState.PAUSED) {
            return MigrationState.PAUSED;
        }
        if (last.state() == RunState.CANCELLED) {
            return MigrationState.CANCELLED;
        }
        if (!last.transactional()) {
            return MigrationState.PARTIAL;
        }
        return hasFile ? MigrationState.FAILED : null;
    }

    public List<Item> items() {
        return items;
    }

    Optional<MigrationVersion> newestApplied() {
        return Optional.ofNullable(newestApplied);
    }

    public Optional<Item> find(MigrationVersion v) {
        return items.stream().filter(i -> i.version().equals(v)).findFirst();
    }

    /** A version {@code up} would run that is older than the newest applied one. */
    boolean outOfOrder(Item item) {
        return Pending.runnable(item, Set.of()) && newestApplied != null && item.version().compareTo(newestApplied) < 0;
    }

    public List<MigrationInfo> infos() {
        return infos(List.of(), List.of(), Set.of());
    }

    /**
     * The status lines, with each resumable migration's progress and any operator's hold; a running
     * one whose log row is in {@code interrupted} (its runner is gone) shows as interrupted.
     */
    public List<MigrationInfo> infos(List<Checkpoint> checkpoints, List<Control> holds, Set<Long> interrupted) {
        Map<String, Control> holdOf = new HashMap<>();
        holds.forEach(h -> holdOf.put(h.version(), h));
        return items.stream().map(i -> {
            String v = i.version().toString();
            boolean decided = i.last() != null && (i.last().kind() == RunKind.VERSIONED || i.last().kind() == RunKind.BASELINE);
            List<MigrationProgress> progress = checkpoints.stream()
                    .filter(cp -> MigrationVersion.parse(cp.version()).equals(i.version()) && cp.kind().equals("batches"))
                    .map(cp -> new MigrationProgress(v, cp.step(), cp.processed(), cp.failed(), cp.total(), cp.totalEstimated(),
                            cp.rowsPerSecond() == null ? 0 : cp.rowsPerSecond(), cursorText(cp.cursor()), cp.done()))
                    .toList();
            Control hold = holdOf.get(v);
            MigrationState state = i.state() == MigrationState.RUNNING && interrupted.contains(i.last().id()) ? MigrationState.INTERRUPTED : i.state();
            return new MigrationInfo(v, description(i), i.name(), state,
                    decided ? i.last().startedAt() : null, decided ? totalDuration(i) : null,
                    checksum(i), outOfOrder(i),
                    i.state() == MigrationState.FAILED || i.state() == MigrationState.PARTIAL ? i.last().error() : null,
                    progress, hold == null ? null : hold.request(), commands(state, v, hold),
                    i.cleanup() == null ? null : i.cleanup().state().dbValue(),
                    i.cleanup() != null && i.cleanup().state() == RunState.AWAITING ? i.cleanupEligibleAt() : null,
                    progress.stream().mapToLong(MigrationProgress::failed).sum(),
                    decided ? i.last().durationMs() : null, i.runs().size());
        }).toList();
    }

    /** A resumed migration took the time of all its runs; a run whose length is unknown (cut off by a kill) adds nothing. */
    private static Long totalDuration(Item i) {
        if (i.runs().isEmpty()) {
            return i.last().durationMs();
        }
        Long total = null;
        for (LogEntry e : i.runs()) {
            if (e.durationMs() != null) {
                total = (total == null ? 0 : total) + e.durationMs();
            }
        }
        return total;
    }

    private static List<String> commands(MigrationState state, String v, Control hold) {
        if (hold != null) {
            return hold.request().equals("pause") ? List.of("migrun resume " + v, "migrun cancel " + v) : List.of("migrun retry " + v);
        }
        return switch (state) {
            case RUNNING -> List.of("migrun pause " + v, "migrun cancel " + v);
            case INTERRUPTED -> List.of("migrun up");
            case PAUSED -> List.of("migrun up", "migrun pause " + v, "migrun cancel " + v);
            case CANCELLED -> List.of("migrun retry " + v);
            case PARTIAL -> List.of("migrun repair " + v, "migrun repair " + v + " --mark-applied");
            case FAILED -> List.of("migrun up");
            default -> List.of();
        };
    }

    /** When an awaiting cleanup may run: recorded in its row when its migration was applied. */
    private static Instant eligibleAt(LogEntry cleanup) {
        if (cleanup == null || cleanup.result() == null) {
            return null;
        }
        Object at = ((Map<?, ?>) Json.parse(cleanup.result())).get("eligibleAt");
        return at == null ? null : Instant.parse(at.toString());
    }

    private static String cursorText(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Cursor.parse(json).describe();
        } catch (IllegalArgumentException e) {
            return json;
        }
    }

    private static String description(Item i) {
        if (i.last() != null && i.last().kind() == RunKind.VERSIONED && i.state() == MigrationState.SUCCEEDED) {
            return i.last().description();
        }
        return i.script() != null ? i.script().description() : i.last().description();
    }

    private static String checksum(Item i) {
        if (i.state() != MigrationState.SUCCEEDED) {
            return null;
        }
        return i.changed() ? "changed" : "ok";
    }

}
