package io.migrun.cli;

import io.migrun.Migrun;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Turns the first Ctrl-C or SIGTERM into an orderly stop of whatever command runs (the running
 * statement is cancelled and the script interrupted; the command rolls back or stops at its
 * checkpoint, records and exits as documented) instead of a JVM exit in the middle of a run. A
 * command that has not stopped {@link #GRACE} later is ended: its database sessions are ended, its
 * run recorded failed, and the process exits 1. A second signal exits at once (130). While a command
 * runs, a shutdown hook also guards against the JVM exiting under it (a script calling
 * {@code System.exit}): the run is recorded failed and the exit code becomes 1. Closing restores the
 * previous handlers and removes the hook.
 */
final class StopSignals implements AutoCloseable {

    /** How long a command has, after the first signal, to stop by itself. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private final Thread exitGuard;
    private SignalTraps traps;

    private StopSignals(Thread exitGuard) {
        this.exitGuard = exitGuard;
    }

    static StopSignals install(Migrun migrun, PrintStream err) {
        StopSignals s = new StopSignals(new Thread(() -> guardExit(migrun, err), "migrun-exit-guard"));
        boolean[] asked = {false};
        Runnable handler = () -> {
            synchronized (asked) {
                if (asked[0]) {
                    err.println("Stopping now.");
                    Runtime.getRuntime().halt(130);
                }
                asked[0] = true;
            }
            err.println("Stopping: cancelling the running statement; press Ctrl-C again to quit at once.");
            new Thread(() -> stop(migrun, err), "migrun-stop").start();
        };
        s.traps = SignalTraps.install(handler, "INT", "TERM");
        Runtime.getRuntime().addShutdownHook(s.exitGuard);
        return s;
    }

    private static void stop(Migrun migrun, PrintStream err) {
        migrun.requestStop();
        if (migrun.awaitStopped(GRACE)) {
            return;
        }
        String failure = migrun.abandonUnresponsiveRun(GRACE);
        if (failure != null) {
            err.println("ERROR: " + failure);
            // The command's thread is still busy; the shutdown hooks (the embedded server's among them) still run.
            System.exit(ExitCodes.MIGRATION_FAILED);
        }
    }

    /** A JVM exit while a command runs (System.exit in a script): record the run failed, say so, and make the exit code 1. */
    private static void guardExit(Migrun migrun, PrintStream err) {
        String failure = migrun.abandonRunAtExit();
        if (failure != null) {
            err.println("ERROR: " + failure);
            err.flush();
            migrun.close();
            Runtime.getRuntime().halt(ExitCodes.MIGRATION_FAILED);
        }
    }

    @Override
    public void close() {
        traps.close();
        try {
            Runtime.getRuntime().removeShutdownHook(exitGuard);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs now, and finds nothing running
        }
    }
}
