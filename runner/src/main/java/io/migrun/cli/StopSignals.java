package io.migrun.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the first Ctrl-C or SIGTERM into an orderly stop (the running statement is cancelled and
 * rolled back, its failure recorded, the embedded server shut down) instead of a JVM exit in the
 * middle of a migration. A second signal exits at once. Closing restores the previous handlers.
 */
final class StopSignals implements AutoCloseable {

    private final Map<Signal, SignalHandler> previous = new HashMap<>();

    private StopSignals() {
    }

    static StopSignals install(Runnable stop, PrintStream err) {
        StopSignals s = new StopSignals();
        boolean[] asked = {false};
        SignalHandler handler = signal -> {
            synchronized (asked) {
                if (asked[0]) {
                    err.println("Stopping now.");
                    Runtime.getRuntime().halt(130);
                }
                asked[0] = true;
            }
            err.println("Stopping: cancelling the running migration; press Ctrl-C again to quit at once.");
            new Thread(stop, "migrun-stop").start();
        };
        for (String name : new String[]{"INT", "TERM"}) {
            try {
                Signal signal = new Signal(name);
                s.previous.put(signal, Signal.handle(signal, handler));
            } catch (IllegalArgumentException unsupported) {
                // this platform has no such signal; the JVM's default handling stays
            }
        }
        return s;
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
