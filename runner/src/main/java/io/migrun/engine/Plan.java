package io.migrun.engine;

import io.migrun.MigrationInfo;
import io.migrun.MigrationState;
import io.migrun.MigrationVersion;
import io.migrun.history.LogEntry;
import io.migrun.history.RunKind;
import io.migrun.history.RunState;
import io.migrun.load.ResolvedScript;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import java.util.TreeSet;

/**
 * The folder and the log read together: for every version, the script (if any), the last run that
 * decides its state (if any), and the state that follows. Pure; built fresh for every command.
 */
final class Plan {

    /** One version's script and deciding log row. */
    record Item(MigrationVersion version, ResolvedScript script, LogEntry last, MigrationState state) {

        boolean changed() {
            return state == MigrationState.SUCCEEDED && script != null && !script.checksum().equals(last.checksum());
        }

        String name() {
            return script != null ? script.name() : last.script();
        }
    }

    private final List<Item> items;
    private final MigrationVersion newestApplied;

    private Plan(List<Item> items, MigrationVersion newestApplied) {
        this.items = items;
        this.newestApplied = newestApplied;
    }

    static Plan of(List<ResolvedScript> scripts, List<LogEntry> log) {
        Map<MigrationVersion, LogEntry> last = new LinkedHashMap<>();
        for (LogEntry e : log) {
            if (e.version() != null && (e.kind() == RunKind.VERSIONED || e.kind() == RunKind.REPAIR)) {
                last.put(MigrationVersion.parse(e.version()), e);
            }
        }
        Map<MigrationVersion, ResolvedScript> byVersion = new LinkedHashMap<>();
        scripts.forEach(s -> byVersion.put(s.version(), s));
        TreeSet<MigrationVersion> versions = new TreeSet<>(byVersion.keySet());
        versions.addAll(last.keySet());
        List<Item> items = new ArrayList<>();
        MigrationVersion newest = null;
        for (MigrationVersion v : versions) {
            ResolvedScript script = byVersion.get(v);
            LogEntry entry = last.get(v);
            MigrationState state = state(entry, script != null);
            if (state == null) {
                continue;
            }
            if (state == MigrationState.SUCCEEDED || state == MigrationState.MISSING) {
                newest = v;
            }
            items.add(new Item(v, script, entry, state));
        }
        return new Plan(items, newest);
    }

    /** The state a version is in; null for one that needs no mention (a rolled-back attempt whose file is gone). */
    private static MigrationState state(LogEntry last, boolean hasFile) {
        if (last == null || last.kind() == RunKind.REPAIR) {
            return hasFile ? MigrationState.PENDING : null;
        }
        if (last.state() == RunState.SUCCEEDED) {
            return hasFile ? MigrationState.SUCCEEDED : MigrationState.MISSING;
        }
        if (last.state() == RunState.RUNNING) {
            return MigrationState.RUNNING;
        }
        if (!last.transactional()) {
            return MigrationState.PARTIAL;
        }
        return hasFile ? MigrationState.FAILED : null;
    }

    List<Item> items() {
        return items;
    }

    Optional<MigrationVersion> newestApplied() {
        return Optional.ofNullable(newestApplied);
    }

    Optional<Item> find(MigrationVersion v) {
        return items.stream().filter(i -> i.version().equals(v)).findFirst();
    }

    boolean outOfOrder(Item item) {
        return runnable(item) && newestApplied != null && item.version().compareTo(newestApplied) < 0;
    }

    static boolean runnable(Item item) {
        return item.state() == MigrationState.PENDING || item.state() == MigrationState.FAILED;
    }

    /** What {@code up} would run, in order, honouring the target. */
    List<ResolvedScript> pending(MigrationVersion target) {
        return items.stream()
                .filter(Plan::runnable)
                .filter(i -> target == null || i.version().compareTo(target) <= 0)
                .map(Item::script).toList();
    }

    List<MigrationInfo> infos() {
        return items.stream().map(i -> new MigrationInfo(i.version().toString(), description(i), i.name(), i.state(),
                i.last() == null || i.last().kind() == RunKind.REPAIR ? null : i.last().startedAt(),
                i.last() == null || i.last().kind() == RunKind.REPAIR ? null : i.last().durationMs(),
                checksum(i), outOfOrder(i),
                i.state() == MigrationState.FAILED || i.state() == MigrationState.PARTIAL ? i.last().error() : null)).toList();
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
