package io.migrun.support

/** Waiting for something to happen by asking until it has, never by sleeping a fixed time. */
class Poll {

    /**
     * Asks {@code condition} every {@code everyMillis} (default 50) until it is true. Fails naming
     * {@code what} after {@code seconds} (default 60), or as soon as the {@code watched} process
     * ends, with what it printed; a watched process still running at the deadline is killed, so it
     * does not outlive the spec.
     */
    static void until(Map options = [:], String what, Closure<?> condition) {
        int seconds = options.seconds as Integer ?: 60
        long every = options.everyMillis as Long ?: 50L
        Process watched = options.watched as Process
        long deadline = System.nanoTime() + seconds * 1_000_000_000L
        while (!condition()) {
            if (watched != null && !watched.alive) {
                throw new AssertionError("the process ended before ${what}: ${Cli.finish(watched)}")
            }
            if (System.nanoTime() > deadline) {
                watched?.destroyForcibly()
                throw new AssertionError("not within ${seconds} s: ${what}")
            }
            Thread.sleep(every)
        }
    }
}
