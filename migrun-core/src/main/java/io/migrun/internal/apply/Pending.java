package io.migrun.internal.apply;

import io.migrun.MigrationState;
import io.migrun.MigrationVersion;
import io.migrun.internal.history.Control;
import io.migrun.internal.history.LogEntry;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.session.RunnerLiveness;
import io.migrun.internal.session.Session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What pending means, for every command: the versions {@code up} would run, in version order up
 * to the target (pending, failed and rolled back, paused at a checkpoint, or left running by a
 * runner that is gone, which {@code up} closes and runs again), then the repeatable scripts that
 * are new or changed. Of those, {@code up} runs now only the versions before the first one an
 * operator holds (pause or cancel), and the repeatables only when no hold stops it; a run without a
 * transaction whose runner is gone stops everything, as {@code up} records it as partly applied.
 * {@code validate} counts all of them; {@code up}, {@code up --dry-run} and the confirmation of a
 * protected environment take what runs now. Checks of drift come first (see {@link Validator}).
 */
public final class Pending {

    private final List<ResolvedScript> waiting;
    private final List<ResolvedScript> now;
    private final List<ResolvedScript> repeatables;
    private final Control hold;
    private final ResolvedScript held;
    private final ResolvedScript blocked;

    private Pending(List<ResolvedScript> waiting, List<ResolvedScript> now, List<ResolvedScript> repeatables, Control hold, ResolvedScript held,
                    ResolvedScript blocked) {
        this.waiting = waiting;
        this.now = now;
        this.repeatables = repeatables;
        this.hold = hold;
        this.held = held;
        this.blocked = blocked;
    }

    /**
     * @param holds       the operators' standing requests
     * @param interrupted the ids of {@code running} rows whose runner is gone (none under the lock, where they are closed already)
     * @param repeatables the repeatable scripts due, see {@link Repeatables#due}
     */
    static Pending of(Plan plan, MigrationVersion target, List<Control> holds, Set<Long> interrupted, List<ResolvedScript> repeatables) {
        Map<String, Control> holdOf = new HashMap<>();
        holds.forEach(h -> holdOf.put(h.version(), h));
        List<ResolvedScript> waiting = new ArrayList<>();
        List<ResolvedScript> now = new ArrayList<>();
        Control hold = null;
        ResolvedScript held = null;
        ResolvedScript blocked = null;
        for (Plan.Item i : plan.items()) {
            if (blocked == null && interrupted(i, interrupted) && !i.last().transactional()) {
                blocked = i.script();
            }
            // A missing file is drift, which stops up before this; status, which shows drift, counts it as nothing to run.
            if (i.script() == null || !runnable(i, interrupted) || target != null && i.version().compareTo(target) > 0) {
                continue;
            }
            waiting.add(i.script());
            if (hold == null && holdOf.containsKey(i.version().toString())) {
                hold = holdOf.get(i.version().toString());
                held = i.script();
            } else if (hold == null) {
                now.add(i.script());
            }
        }
        return new Pending(List.copyOf(waiting), List.copyOf(now), List.copyOf(repeatables), hold, held, blocked);
    }

    /** As {@link #of}, for a command that reads without the lock: a run whose runner is gone counts as {@code up} closes it. */
    static Pending read(Session session, Plan plan, MigrationVersion target, List<LogEntry> log, List<ResolvedScript> repeatables) {
        return of(plan, target, session.progress().controls(session.work()), RunnerLiveness.interrupted(session.work(), session.dialect(), log), repeatables);
    }

    /** A version {@code up} runs (again): pending, failed, paused, or interrupted in a transaction. */
    static boolean runnable(Plan.Item item, Set<Long> interrupted) {
        MigrationState s = item.state();
        return s == MigrationState.PENDING || s == MigrationState.FAILED || s == MigrationState.PAUSED
                || interrupted(item, interrupted) && item.last().transactional();
    }

    private static boolean interrupted(Plan.Item item, Set<Long> interrupted) {
        return item.state() == MigrationState.RUNNING && interrupted.contains(item.last().id());
    }

    /** The versions {@code up} runs now, in order: none when it stops at an interrupted run without a transaction. */
    List<ResolvedScript> versions() {
        return blocked != null ? List.of() : now;
    }

    /** The repeatable scripts {@code up} runs after the versions: none when a hold or an interrupted run stops it first. */
    List<ResolvedScript> repeatables() {
        return blocked != null || hold != null ? List.of() : repeatables;
    }

    /** Everything {@code up} runs now: the versions, then the repeatable scripts. */
    List<ResolvedScript> now() {
        List<ResolvedScript> all = new ArrayList<>(versions());
        all.addAll(repeatables());
        return all;
    }

    /** How many scripts wait to be run, held ones included. */
    int count() {
        return waiting.size() + repeatables.size();
    }

    /** The script of an interrupted run without a transaction, which stops {@code up} until it is repaired, or null. */
    ResolvedScript blocked() {
        return blocked;
    }

    /** The operator's request {@code up} stops at, or null. */
    Control hold() {
        return blocked != null ? null : hold;
    }

    /** The script of the version held, or null. */
    ResolvedScript held() {
        return blocked != null ? null : held;
    }
}
