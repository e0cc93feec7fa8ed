package io.migrun.process

import io.migrun.support.Cli
import io.migrun.support.CliResult
import io.migrun.support.FreshDatabase
import io.migrun.support.Poll

/** Waiting on what another process does to the database. */
class ProcessSpecSupport {

    /** Polls {@code query} until it returns a true value, failing after {@code seconds}; a {@code watched} process still running then is killed, so it does not outlive the spec. */
    static void waitUntil(FreshDatabase db, String query, int seconds = 60, Process watched = null) {
        Poll.until(query, seconds: seconds, watched: watched) { db.value(query) }
    }

    /** True once some migrun session holds the advisory lock in this database. */
    static String lockHeld(FreshDatabase db) {
        """SELECT count(*) > 0 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE l.locktype = 'advisory' AND l.granted AND a.datname = '${db.name}' AND a.application_name LIKE 'migrun pid=%'"""
    }

    /** Ends sessions a killed runner left behind, so they do not outlive the spec. */
    static void terminateOthers(FreshDatabase db) {
        db.value("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${db.name}' AND pid <> pg_backend_pid()")
    }

    /**
     * Waits until {@code query} is true while {@code p} runs, sends it SIGTERM (what Ctrl-C does too),
     * and returns what it printed and how many seconds it took to end after the signal.
     */
    static Tuple2<CliResult, Double> sigtermWhen(FreshDatabase db, Process p, String query) {
        waitUntil(db, query, 60, p)
        long started = System.nanoTime()
        p.toHandle().destroy()
        CliResult r = Cli.finish(p, 60)
        new Tuple2<>(r, (System.nanoTime() - started) / 1e9d)
    }
}
