package io.migrun.internal.walk;

import groovy.lang.Closure;
import io.migrun.MigrationListener;
import io.migrun.MigrunException;
import io.migrun.dsl.Batches;
import io.migrun.helper.Keyset;
import io.migrun.internal.dialect.Dialect;
import io.migrun.internal.history.Checkpoint;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.session.BatchFailure;
import io.migrun.internal.session.RunControl;
import io.migrun.internal.session.RunHelpers;
import io.migrun.internal.session.Session;
import io.migrun.internal.walk.WalkOutcome.Completed;
import io.migrun.internal.walk.WalkOutcome.Failed;
import io.migrun.internal.walk.WalkOutcome.Stopped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The resumable side of one migration run. The first {@code step}, {@code eachBatch} or
 * {@code backfill} switches the migration to resumable mode: from then on each step and each batch
 * commits in its own short transaction together with its checkpoint, so a run that dies resumes
 * after its last commit, processing no row twice and skipping none. Each walk is a {@link Walk} of
 * its own. Between batches and before steps the run honours stop signals, operators' pause and
 * cancel requests and run limits, ending the script with {@link StopRun}.
 */
public final class ResumableRun implements Batches {

    private final RunContext run;
    private final Set<String> names = new HashSet<>();
    private Map<String, Checkpoint> checkpoints;
    /** Rows the walks of this migration left unchanged under onError 'skip', over every run. */
    private long skippedRows;

    public ResumableRun(Session session, Dialect dialect, ResolvedScript script, MigrationListener listener, RunControl control, RunHelpers helpers) {
        this.run = RunContext.of(session, dialect, script, listener, control, helpers);
    }

    /** Rows this migration's walks left unchanged under onError 'skip' and not yet driven through, over every run. */
    public long skippedRows() {
        return skippedRows;
    }

    public boolean resumable() {
        return checkpoints != null;
    }

    /** Switches to resumable mode; refuses when code before the first step already changed the database in the migration's transaction. */
    private void enter() {
        if (resumable()) {
            return;
        }
        Connection c = run.work().get();
        try {
            if (!c.getAutoCommit()) {
                try (PreparedStatement ps = c.prepareStatement(run.dialect().transactionWroteSql()); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        throw new MigrunException("code before the first step or batch changed the database; it would run again on every resume. "
                                + "Put it inside a step('…') { } so it runs once and is recorded");
                    }
                }
                c.commit();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new MigrunException("cannot start the resumable part: " + e.getMessage(), e);
        }
        checkpoints = new HashMap<>();
        run.progress().checkpoints(run.work().get(), run.version()).forEach(cp -> checkpoints.put(cp.step(), cp));
    }

    private String claim(String name) {
        if (!names.add(name)) {
            throw new MigrunException("two steps or walks of this migration are named '" + name + "'; give each its own name: so their checkpoints stay apart");
        }
        return name;
    }

    @Override
    public Object step(String name, Closure<?> body) {
        enter();
        claim(name);
        Checkpoint cp = checkpoints.get(name);
        if (cp != null && cp.done()) {
            run.log("info", "step '" + name + "' was done on an earlier run; skipped");
            return null;
        }
        Optional<Stopped> stop = run.stops().check(() -> "before step '" + name + "'");
        if (stop.isPresent()) {
            // The script called step and would go on after it: only an exception ends it here.
            throw stop.get().exception();
        }
        run.helpers().scope("V" + run.version() + "/step " + name);
        WorkConnection work = run.work();
        try {
            // Recorded as started outside the step's transaction, which then begins with the step's own first statement.
            run.progress().begin(work.get(), run.version(), name, "step", null, false);
            work.begin();
            Object result = body.call();
            run.progress().finish(work.get(), run.version(), name);
            work.commit();
            return result;
        } catch (Exception e) {
            work.rollbackQuietly();
            if (run.stops().signalled()) {
                // The step's statement was cancelled for the stop; the script must not go on as if it had failed on its own.
                throw new StopRun(StopRun.Reason.SIGNAL, "V" + run.version() + " stopped in step '" + name
                        + "', which was rolled back and runs again on resume; run migrun up to resume.");
            }
            throw e instanceof RuntimeException r ? r : new MigrunException(e.getMessage(), e);
        } finally {
            work.autoCommitQuietly();
        }
    }

    @Override
    public void eachBatch(Map<String, Object> options, String source, Closure<?> body) {
        eachBatch(options, null, source, body);
    }

    @Override
    public void eachBatch(Map<String, Object> options, DataSource from, String source, Closure<?> body) {
        BatchOptions o = BatchOptions.of("eachBatch", options);
        String name = Names.of("eachBatch", o, source);
        walk("eachBatch", name, o, source, from, eachBatchWork(name, o, body));
    }

    /** The block over a page's rows; under onError 'skip' a failure of its own sends the batch to be narrowed down to the failing rows. */
    private BatchWork eachBatchWork(String name, BatchOptions o, Closure<?> body) {
        return (page, after, rate, writes) -> {
            try {
                // Under 'skip' the block gets a copy: if it fails, its rows are narrowed down as read, whatever it did to the list.
                body.call(o.skipErrors() ? new ArrayList<>(page.rows()) : page.rows());
                return new BatchWork.Done.Written(0);
            } catch (Exception e) {
                if (!o.skipErrors()) {
                    throw new BatchFailure(name + ", batch after " + WalkCheckpoints.position(after), e);
                }
                if (Transient.is(e) || run.work().lost(e)) {
                    throw e;
                }
                return new BatchWork.Done.Skipped(e, body);
            }
        };
    }

    @Override
    public void backfill(Map<String, Object> options, String table, Closure<?> body) {
        BatchOptions o = BatchOptions.of("backfill", options);
        String name = Names.of("backfill", o, table);
        walk("backfill", name, o, table, null, new BackfillBatches(run, name, table, o, body));
    }

    @Override
    public Map<String, Object> paginate(Map<String, Object> options, String query) {
        return Paging.page(run.work().get(), options, query);
    }

    /** @param from another database to read the pages from, or null for this one */
    private void walk(String helper, String name, BatchOptions o, String source, DataSource from, BatchWork work) {
        enter();
        claim(name);
        Checkpoint cp = checkpoints.get(name);
        // Calls made after the walk count from the same place whether it ran now or on an earlier run.
        run.helpers().scope("V" + run.version() + "/after " + name);
        if (cp != null && cp.done()) {
            run.log("info", helper + " '" + name + "' was done on an earlier run; skipped");
            skippedRows += cp.failed();
            return;
        }
        Keyset keyset = new Keyset(source, o.key(), o.where(), o.batchSize());
        WalkOutcome outcome = new Walk(run, helper, name, o, keyset, Reading.of(run.work(), from), cp, work).run();
        if (outcome instanceof Completed done) {
            skippedRows += done.skippedRows();
            return;
        }
        // The script called eachBatch or backfill and would go on after it: only an exception ends it here.
        throw outcome instanceof Stopped stopped ? stopped.exception() : ((Failed) outcome).error();
    }
}
