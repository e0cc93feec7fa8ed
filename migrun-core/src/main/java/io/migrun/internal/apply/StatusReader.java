package io.migrun.internal.apply;

import io.migrun.MigrationInfo;
import io.migrun.MigrationState;
import io.migrun.MigrationVersion;
import io.migrun.StatusResult;
import io.migrun.ValidateResult;
import io.migrun.config.MigrunConfig;
import io.migrun.internal.history.Control;
import io.migrun.internal.history.LogEntry;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.load.ScriptScanner;
import io.migrun.internal.session.Commands;
import io.migrun.internal.session.RunnerLiveness;
import io.migrun.internal.session.Session;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code status}, {@code validate} and what {@code up} would run: the folder read against the log. Takes no lock and creates nothing. */
public final class StatusReader {

    private final Commands commands;
    private final MigrunConfig config;
    private final ScriptScanner scanner;

    public StatusReader(Commands commands) {
        this.commands = commands;
        this.config = commands.config();
        this.scanner = new ScriptScanner(config.migrations());
    }

    /** Lists every version known from the folder or the log, then the repeatable scripts. */
    public StatusResult status() {
        List<ResolvedScript> scripts = scanner.scan();
        return commands.run(Commands.Access.READ, session -> {
            Connection c = session.work();
            List<LogEntry> log = session.log();
            Plan plan = Plan.of(scripts, log);
            Set<Long> interrupted = RunnerLiveness.interrupted(c, session.dialect(), log);
            List<Control> holds = session.progress().controls(c);
            List<MigrationInfo> infos = new ArrayList<>(plan.infos(session.progress().allCheckpoints(c), holds, interrupted));
            List<ResolvedScript> repeatables = scanner.repeatables();
            infos.addAll(Repeatables.infos(repeatables, log, interrupted));
            // the holds and the dead runners' runs read above, not read again
            int pending = Pending.of(plan, config.target(), holds, interrupted, Repeatables.due(repeatables, log)).count();
            return new StatusResult(commands.databaseDescription(), plan.newestApplied().map(MigrationVersion::toString).orElse(null), infos, pending);
        });
    }

    /** Checks the folder against the log without running anything; counts what waits to be run (see {@link Pending}). */
    public ValidateResult validate() {
        List<ResolvedScript> scripts = scanner.scan();
        return commands.run(Commands.Access.READ, session -> {
            List<LogEntry> log = session.log();
            Plan plan = checked(session, scripts, log);
            int applied = (int) plan.items().stream().filter(i -> i.state() == MigrationState.SUCCEEDED).count();
            List<ResolvedScript> repeatables = scanner.repeatables();
            List<ResolvedScript> due = Repeatables.due(repeatables, log);
            Pending pending = Pending.read(session, plan, config.target(), log, due);
            return new ValidateResult(scripts.size() + repeatables.size(), applied + repeatables.size() - due.size(), pending.count());
        });
    }

    /**
     * The status lines of the migrations {@code up} would run now, in order (see {@link Pending});
     * throws what {@code up} would throw when the folder and the log disagree.
     */
    public List<MigrationInfo> pending() {
        List<ResolvedScript> scripts = scanner.scan();
        return commands.run(Commands.Access.READ, session -> {
            Connection c = session.work();
            List<LogEntry> log = session.log();
            Plan plan = checked(session, scripts, log);
            List<ResolvedScript> repeatables = scanner.repeatables();
            Set<Long> interrupted = RunnerLiveness.interrupted(c, session.dialect(), log);
            List<Control> holds = session.progress().controls(c);
            Set<String> now = Pending.of(plan, config.target(), holds, interrupted, Repeatables.due(repeatables, log)).now().stream()
                    .map(ResolvedScript::name).collect(Collectors.toSet());
            List<MigrationInfo> infos = new ArrayList<>(plan.infos(List.of(), holds, interrupted));
            infos.addAll(Repeatables.infos(repeatables, log, interrupted));
            return infos.stream().filter(i -> now.contains(i.script())).toList();
        });
    }

    /** The plan, once the checks that stop {@code up} pass. */
    private Plan checked(Session session, List<ResolvedScript> scripts, List<LogEntry> log) {
        Plan plan = Plan.of(scripts, log);
        Validator.checkDrift(plan, session.history().table(), config.migrations().toString(), config.outOfOrder());
        Validator.checkNothingHalfApplied(plan);
        return plan;
    }
}
