package io.migrun.internal.session;

import io.migrun.internal.dialect.Dialect;
import io.migrun.internal.history.LogEntry;
import io.migrun.internal.history.RunKind;
import io.migrun.internal.history.RunState;
import io.migrun.internal.history.RunnerSessions;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the runner that wrote a {@code running} log row is provably gone, provably alive, or
 * neither, judged while this runner holds the migration lock. The proofs:
 * <ul>
 * <li>On this host, the row's pid names no live process, or one younger than the run (so the pid
 *     was reused): the runner is gone. A live process with that pid, older than the run, is taken
 *     to be the runner, alive. Both ages are measured on their own clock (the process's on this
 *     host, the run's on the database server), so clocks that differ do not matter.</li>
 * <li>On another host, a run of a kind that is only written under the migration lock (versioned,
 *     down, cleanup, repeatable, retry-errors) belonged to a runner whose lock connection is gone,
 *     since this runner holds the lock now; a runner keeps that connection open for its whole run,
 *     and dies with it. An ad-hoc run may have run without the lock, so for it nothing is proven.</li>
 * </ul>
 */
public final class RunnerLiveness {

    /** run_by is "user on host (pid 123)", as {@link RunnerIdentity#runBy} writes it after the user. */
    private static final Pattern RUN_BY = Pattern.compile("(?s)^.* on (\\S+) \\(pid (\\d+)\\)$");
    /** The two ages are read a moment apart; a process this much younger than the run is another one. */
    private static final Duration SLACK = Duration.ofSeconds(2);

    /**
     * @param runner          the runner, for people: "pid 123 on build-7"
     * @param applicationName what its sessions are named, or null when they cannot be told from this runner's own
     * @param alive           proven alive
     * @param gone            proven gone
     * @param proof           why, for people
     */
    record Verdict(String runner, String applicationName, boolean alive, boolean gone, String proof) {
    }

    private RunnerLiveness() {
    }

    /** Kinds of run that are written only while their runner holds the migration lock. */
    static boolean tookLock(LogEntry run) {
        return run.kind() != RunKind.AD_HOC;
    }

    /**
     * For {@code status}, which takes no lock: the {@code running} rows whose runner is gone. On this
     * host that is proven as above; on another host a run taken under the lock is gone when none of
     * its runner's sessions holds the lock any more, and an ad-hoc run when its runner has no session left.
     */
    public static Set<Long> interrupted(Connection c, Dialect dialect, List<LogEntry> log) {
        Set<Long> out = new HashSet<>();
        Instant serverNow = null;
        for (LogEntry run : log) {
            if (run.state() != RunState.RUNNING) {
                continue;
            }
            serverNow = serverNow != null ? serverNow : RunnerSessions.serverNow(c, dialect);
            Verdict v = of(run, serverNow);
            boolean gone;
            if (v.alive() || v.applicationName() == null || RunnerIdentity.host().equals(hostOf(run))) {
                gone = v.gone();
            } else {
                List<RunnerSessions.Backend> sessions = RunnerSessions.of(c, dialect, v.applicationName());
                gone = tookLock(run) ? sessions.stream().noneMatch(RunnerSessions.Backend::holdsLock) : sessions.isEmpty();
            }
            if (gone) {
                out.add(run.id());
            }
        }
        return out;
    }

    private static String hostOf(LogEntry run) {
        Matcher m = RUN_BY.matcher(run.runBy() == null ? "" : run.runBy());
        return m.matches() ? m.group(1) : null;
    }

    /** @param serverNow the database server's time now, against which the run's start is measured */
    static Verdict of(LogEntry run, Instant serverNow) {
        Matcher m = RUN_BY.matcher(run.runBy() == null ? "" : run.runBy());
        if (!m.matches()) {
            return new Verdict("\"" + run.runBy() + "\"", null, false, true, "its run_by names no host and pid, so it has no sessions to find");
        }
        String host = m.group(1);
        long pid = Long.parseLong(m.group(2));
        String runner = "pid " + pid + " on " + host;
        String name = RunnerIdentity.applicationName(pid, host);
        // A pid this process reuses: its sessions bear this process's name and cannot be told apart.
        String sessions = name.equals(RunnerIdentity.applicationName()) ? null : name;
        if (!host.equals(RunnerIdentity.host())) {
            return tookLock(run)
                    ? new Verdict(runner, sessions, false, true, "it ran under the migration lock, which this runner holds now, so its lock connection is gone")
                    : new Verdict(runner, sessions, false, false, "it ran on another host, and an ad-hoc run may hold no lock");
        }
        return local(runner, sessions, pid, Duration.between(run.startedAt(), serverNow));
    }

    private static Verdict local(String runner, String sessions, long pid, Duration runAge) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return new Verdict(runner, sessions, false, true, "no process " + pid + " runs on this host any more");
        }
        Optional<Instant> started = process.get().info().startInstant();
        if (started.isPresent() && Duration.between(started.get(), Instant.now()).plus(SLACK).compareTo(runAge) < 0) {
            return new Verdict(runner, sessions, false, true, "process " + pid + " on this host is younger than the run, so it is another one");
        }
        return new Verdict(runner, sessions, true, false, "still runs as process " + pid + " on this host");
    }
}
