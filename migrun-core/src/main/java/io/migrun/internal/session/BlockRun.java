package io.migrun.internal.session;

import io.migrun.MigrationFailedException;
import io.migrun.MigrunException;
import io.migrun.config.LockGuard;
import io.migrun.config.Redaction;
import io.migrun.internal.history.NewRun;
import io.migrun.internal.history.RunState;
import io.migrun.internal.json.Json;
import io.migrun.internal.load.ResolvedScript;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One recorded run of a script's block (a migration's up, a down, a cleanup, a repeatable script,
 * an ad-hoc run, up --retry-errors), and the one place "atomic by default" is kept: a
 * {@code running} row, the work in a transaction (read-only when asked, none when the script says
 * {@code transaction false}), then the success row and any bookkeeping committed with the work, as
 * the connecting user; on failure the work is rolled back and a failed row says why, over a fresh
 * connection when the work connection is gone. Made, configured and run once, on the command's thread.
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

    /** What a failed run left behind, which decides the advice and whether its row needs repair. */
    public enum Left {
        /** Its transaction was rolled back: nothing of it stays. */
        ROLLED_BACK,
        /** A resumable migration: the steps and batches it committed stay, and the next run resumes after them. */
        RESUMABLE,
        /** It ran without a transaction: some of its changes may be in place. */
        NO_TRANSACTION,
        /** The script ended migrun's transaction itself: some of its changes may be in place. */
        ENDED_BY_SCRIPT
    }

    /** What ended a failed run: its own error, a stop request, the loss of the connection, or other sessions' locks. */
    public enum Cause {
        FAILED, STOPPED, CONNECTION_LOST, LOCK_TIMEOUT;

        /**
         * A lost connection (see {@link Failures#connectionLost}) says the database went away, and a
         * lock timeout (55P03) that other sessions held the tables too long: either way the script did nothing wrong.
         */
        static Cause of(Throwable failure, boolean stopRequested) {
            return stopRequested ? STOPPED : Failures.connectionLost(failure) ? CONNECTION_LOST
                    : Failures.lockTimeout(failure) ? LOCK_TIMEOUT : FAILED;
        }
    }

    /** The advice after a run other sessions' locks ended, for every command: nothing to fix, only to wait for them. */
    public static final String LOCK_TIMEOUT = "The script may be fine; ";

    /** The advice after a run the lost connection ended, for every command: nothing to fix, only to run it again. */
    public static final String CONNECTION_LOST = "The connection to the database was lost; the script may be fine. ";

    /** How a command words the failure of its runs. */
    public interface Wording {

        /** The first line, e.g. "Down of V3 (V3__x.groovy) failed:". */
        String failed();

        /** What the failure left and what to do now, given what ended it. */
        String after(Left left, Cause cause);

        /** The message when the row turned out to have committed as succeeded as the connection failed, or null to word it as a failure. */
        default String committed(String what) {
            return null;
        }
    }

    /**
     * The wording of a one-off block.
     *
     * @param failed     its first line, e.g. "Down of V3 (V3__x.groovy) failed:"
     * @param rolledBack what the rollback of a transactional block means, e.g. "Its transaction was rolled back, so V3 is still applied."
     * @param fix        what to do after a failure
     * @param again      how to go on after a stop an operator asked for, e.g. "run migrun down again to undo it."
     */
    public record Plain(String failed, String rolledBack, String fix, String again) implements Wording {

        @Override
        public String after(Left left, Cause cause) {
            return switch (left) {
                case ENDED_BY_SCRIPT -> "The script ended its transaction, so some of its changes may be in place; check the database before running it again.";
                case NO_TRANSACTION -> "It ran without a transaction, so some of its changes may be in place; check the database before running it again.";
                case ROLLED_BACK, RESUMABLE -> rolledBack + " " + switch (cause) {
                    case STOPPED -> "It was stopped as asked; " + again;
                    case CONNECTION_LOST -> CONNECTION_LOST + "When it is back, " + again;
                    case LOCK_TIMEOUT -> LOCK_TIMEOUT + "once the sessions that hold the lock have ended, " + again;
                    case FAILED -> fix;
                };
            };
        }
    }

    /** Tells a way the body may end that is not a failure (a resumable migration stopping at a checkpoint): how its row ends, or null. */
    @FunctionalInterface
    public interface Stops {
        Stop of(Throwable e);
    }

    /** The state and note the run's row ends with, and what the run throws then. */
    public record Stop(RunState state, String note, RuntimeException thrown) {
    }

    private final Session session;
    private final ResolvedScript script;
    private final NewRun run;
    private final Wording wording;
    private List<String> secrets;
    private boolean readOnly;
    private boolean ownTransactions;
    private Also also;
    private Stops stops;
    private BooleanSupplier resumable = () -> false;
    private LockGuard guard;
    private LockRetries locks;

    private BlockRun(Session session, ResolvedScript script, NewRun run, Wording wording) {
        this.session = session;
        this.script = script;
        this.run = run;
        this.wording = wording;
        this.secrets = session.config().secrets();
        this.guard = session.config().lockGuard();
    }

    /** The run {@code run} of {@code script} on {@code session}, its failures worded by {@code wording}. */
    public static BlockRun of(Session session, ResolvedScript script, NewRun run, Wording wording) {
        return new BlockRun(session, script, run, wording);
    }

    /** The work runs in a read-only transaction; the run's row is written after it ends. */
    public BlockRun readOnly(boolean value) {
        readOnly = value;
        return this;
    }

    /** The secrets masked in the failure besides the configuration's (an ad-hoc script's secret arguments). */
    public BlockRun secrets(List<String> value) {
        secrets = value;
        return this;
    }

    /** The work opens and ends its own transactions (up --retry-errors, one per row), although the run counts as transactional. */
    public BlockRun ownTransactions() {
        ownTransactions = true;
        return this;
    }

    /** The lock timeout the script declares for its statements, instead of the configuration's; null keeps that. */
    public BlockRun lockTimeout(Duration value) {
        if (value != null) {
            guard = guard.withTimeout(value);
        }
        return this;
    }

    public BlockRun also(Also value) {
        also = value;
        return this;
    }

    public BlockRun stops(Stops value) {
        stops = value;
        return this;
    }

    /** Asked after a failure: whether the work had switched to committing step by step, so what it committed stays. */
    public BlockRun resumable(BooleanSupplier value) {
        resumable = value;
        return this;
    }

    /** Runs {@code body} as the run; a failure is thrown worded, after its row is written. */
    public Outcome run(Body body) {
        session.startClean();
        Connection c = session.work();
        long id = session.history().start(c, run);
        long started = System.nanoTime();
        locks = LockRetries.of(session, guard, script.label());
        session.helpers().statementRetries(run.transactional() ? null : locks);
        try {
            // A session setting made outside the transaction: it outlasts the rollback of an attempt and the commits of a resumable run.
            locks.set(c, false);
            if (run.transactional() && !ownTransactions) {
                c.setAutoCommit(false);
                c.setReadOnly(readOnly);
            }
            return succeed(id, started, locks.attempts(body::run, run.transactional() && !ownTransactions, resumable));
        } catch (Exception | LinkageError | AssertionError | StackOverflowError | OutOfMemoryError e) {
            throw failed(id, started, e);
        } finally {
            session.helpers().statementRetries(null);
            session.transaction().closed();
            Transactions.autoCommitQuietly(session.work());
            locks.restore(session.work());
            locks.close();
        }
    }

    /** Records a run whose block could not be prepared (it does not compile, its body throws): a row started and failed at once. */
    public RuntimeException failedToStart(Throwable e) {
        session.startClean();
        return fail(session.history().start(session.work(), run), Left.ROLLED_BACK, e, 0);
    }

    private Outcome succeed(long id, long started, Object value) throws SQLException {
        Connection c = session.work();
        session.transaction().recordAsRunner();
        if (readOnly) {
            // The log row is written after the read-only transaction ends, which keeps nothing.
            c.rollback();
            c.setReadOnly(false);
        }
        String json = Json.write(value);
        long ms = millisSince(started);
        session.history().succeed(c, id, json, ms);
        if (also != null) {
            also.apply(c, id);
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
        return new Outcome(id, value, json, ms);
    }

    private RuntimeException failed(long id, long started, Throwable e) {
        Connection c = session.work();
        Transactions.rollbackQuietly(c);
        if (readOnly) {
            Transactions.readWriteQuietly(c);
        }
        Transactions.autoCommitQuietly(c);
        long ms = millisSince(started);
        Stop stop = stops == null ? null : stops.of(e);
        if (stop != null) {
            if (stop.state() == RunState.FAILED) {
                session.history().fail(c, id, stop.note(), ms);
            } else {
                session.history().stop(c, id, stop.state(), stop.note(), ms);
            }
            return stop.thrown();
        }
        // A resumable run has committed its steps and batches itself; the mark of its first transaction says nothing then.
        boolean resumed = resumable.getAsBoolean();
        boolean ended = e instanceof TransactionEnded || !resumed && session.transaction().endedBeforeRollback();
        Left left = ended ? Left.ENDED_BY_SCRIPT : resumed ? Left.RESUMABLE : run.transactional() ? Left.ROLLED_BACK : Left.NO_TRANSACTION;
        return fail(id, left, ended && !(e instanceof TransactionEnded) ? new TransactionEnded(e) : e, ms);
    }

    private RuntimeException fail(long id, Left left, Throwable cause, long ms) {
        String what = Redaction.redact(Failures.describe(script, cause) + (locks == null ? "" : locks.told(cause)), secrets);
        if (!record(id, what, ms, left == Left.ENDED_BY_SCRIPT)) {
            String committed = wording.committed(what);
            if (committed != null) {
                return new MigrunException(committed, Failures.unwrap(cause));
            }
        }
        return new MigrationFailedException(run.version(), run.script(), wording.failed() + "\n  " + what.replace("\n", "\n  ") + "\n"
                + wording.after(left, Cause.of(cause, session.stopRequested())), Failures.unwrap(cause));
    }

    /** Writes the failed row; false when it turned out to have committed as succeeded. One that cannot be written is left for the next up. */
    private boolean record(long id, String what, long ms, boolean partial) {
        try {
            return session.recordFailure(id, what, ms, partial);
        } catch (RuntimeException e) {
            Throwable last = e.getSuppressed().length > 0 ? e.getSuppressed()[0] : e;
            session.listener().onNotice("Could not record the failure in the log (" + last.getMessage()
                    + "); the next migrun up will mark the run as interrupted.");
            return true;
        }
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
