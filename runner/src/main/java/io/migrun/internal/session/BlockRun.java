package io.migrun.internal.session;

import io.migrun.MigrationFailedException;
import io.migrun.config.Redaction;
import io.migrun.internal.history.NewRun;
import io.migrun.internal.json.Json;
import io.migrun.internal.load.ResolvedScript;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One block of a script (down, cleanup, a repeatable script, an ad-hoc run) run as one recorded
 * run: a {@code running} row, the work in a transaction (read-only when asked, none when the script
 * says {@code transaction false}), then the success row and any bookkeeping committed with the
 * work; on failure the work is rolled back and a failed row says why.
 */
public final class BlockRun {

    /** What a finished run returned, and its row. */
    public record Outcome(long id, Object value, String resultJson, long durationMs) {
    }

    /** The block's work, on the session's connection. */
    @FunctionalInterface
    public interface Body {
        Object run() throws Exception;
    }

    /** Bookkeeping that commits with the work, such as marking a migration reverted. */
    @FunctionalInterface
    public interface Also {
        void apply(Connection c, long id) throws SQLException;
    }

    /**
     * What a failure says.
     *
     * @param failed     its first line, e.g. "Down of V3 (V3__x.groovy) failed:"
     * @param rolledBack what the rollback of a transactional block means, e.g. "Its transaction was rolled back, so V3 is still applied."
     * @param fix        what to do after a failure
     * @param again      how to go on after a stop an operator asked for, e.g. "run migrun down again to undo it."
     */
    public record Wording(String failed, String rolledBack, String fix, String again) {

        String after(boolean transactional, boolean stopped) {
            if (!transactional) {
                return "It ran without a transaction, so some of its changes may be in place; check the database before running it again.";
            }
            return rolledBack + " " + (stopped ? "It was stopped as asked; " + again : fix);
        }
    }

    private BlockRun() {
    }

    /** Runs {@code body} as the run {@code run}; a failure is worded by {@code wording}, as a stop when {@code stop} was requested. */
    public static Outcome run(Session session, StopHandle stop, List<String> secrets, ResolvedScript script, NewRun run, boolean readOnly, Body body,
                       Also also, Wording wording) {
        session.startClean();
        Connection c = session.work();
        long id = session.history().start(c, run);
        long started = System.nanoTime();
        RunTransaction transaction = session.transaction();
        try {
            if (run.transactional()) {
                c.setAutoCommit(false);
                c.setReadOnly(readOnly);
                transaction.opened();
            }
            Object value = body.run();
            c = session.work();
            transaction.recordAsRunner();
            if (readOnly) {
                // The log row is written after the read-only transaction ends, which keeps nothing.
                c.rollback();
                c.setReadOnly(false);
            }
            String json = Json.write(value);
            long ms = (System.nanoTime() - started) / 1_000_000;
            session.history().succeed(c, id, json, ms);
            if (also != null) {
                also.apply(c, id);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return new Outcome(id, value, json, ms);
        } catch (Exception | LinkageError | AssertionError | StackOverflowError | OutOfMemoryError e) {
            c = session.work();
            Transactions.rollbackQuietly(c);
            boolean ended = e instanceof TransactionEnded || transaction.endedBeforeRollback();
            try {
                c.setReadOnly(false);
            } catch (SQLException ignored) {
                // a lost connection; recording the failure below says so
            }
            Transactions.autoCommitQuietly(c);
            Throwable cause = ended && !(e instanceof TransactionEnded) ? new TransactionEnded(e) : e;
            String what = Redaction.redact(Failures.describe(script, cause), secrets);
            long ms = (System.nanoTime() - started) / 1_000_000;
            session.recordFailure(id, what, ms, ended);
            String after = ended ? "The script ended its transaction, so some of its changes may be in place; check the database before running it again."
                    : wording.after(run.transactional(), stop.requested());
            throw new MigrationFailedException(run.version(), run.script(), wording.failed() + "\n  " + what.replace("\n", "\n  ") + "\n" + after,
                    Failures.unwrap(cause));
        } finally {
            transaction.closed();
            Transactions.autoCommitQuietly(session.work());
        }
    }
}
