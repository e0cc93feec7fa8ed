package io.migrun.internal.walk;

import io.migrun.MigrunException;
import io.migrun.internal.session.Session;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends one batch's write (its changes and checkpoint, committed on arrival) on the work
 * connection in the background, so that the block can work on the next page meanwhile. At most
 * one write is in flight. While one is, {@link WorkConnection#get()} (and {@link Session#work()}
 * beneath it) waits for it before handing the connection to anyone (the block's {@code sql} or {@code ids}, the run's bookkeeping), so nothing
 * else ever runs on the connection alongside it. A write leaves the connection in manual commit
 * with no transaction open, as a batch expects it. A failed write is kept, not thrown, until the
 * walk asks with {@link #settle()}.
 */
public final class WriteBehind implements Session.PendingWrite, AutoCloseable {

    /** A write that commits itself on a connection in autocommit. */
    @FunctionalInterface
    interface Write {
        void run(Connection c) throws SQLException;
    }

    private final WorkConnection work;
    private ExecutorService thread;
    private Future<Exception> inFlight;
    private Exception failure;
    private boolean held;

    WriteBehind(WorkConnection work) {
        this.work = work;
    }

    synchronized boolean inFlight() {
        return inFlight != null;
    }

    /** True after a background write failed, until a batch has written in the foreground again. */
    synchronized boolean held() {
        return held;
    }

    /** After a failed write: the batch that runs again writes in the foreground, with the usual retries. */
    synchronized void hold() {
        held = true;
    }

    synchronized void release() {
        held = false;
    }

    /** Starts {@code write} on the work connection in autocommit, once the write before it has ended. */
    void start(Write write) throws SQLException {
        Connection c = work.get();
        c.setAutoCommit(true);
        synchronized (this) {
            if (thread == null) {
                thread = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "migrun-batch-writer");
                    t.setDaemon(true);
                    return t;
                });
            }
            inFlight = thread.submit(() -> {
                try {
                    write.run(c);
                    return null;
                } catch (Exception e) {
                    return e;
                } finally {
                    try {
                        c.setAutoCommit(false);
                    } catch (SQLException ignored) {
                        // a lost connection, which the write's own failure reports
                    }
                }
            });
        }
        work.writingBehind(this);
    }

    /** Waits for the write in flight, if any, keeping its failure for {@link #settle()}. Never throws. */
    public synchronized void await() {
        Future<Exception> f = inFlight;
        if (f == null) {
            return;
        }
        inFlight = null;
        work.writingBehind(null);
        boolean interrupted = false;
        while (true) {
            try {
                Exception e = f.get();
                if (e != null && failure == null) {
                    failure = e;
                }
                break;
            } catch (InterruptedException e) {
                // The connection must not be handed out while the write may still run; a stop request cancels the statement.
                interrupted = true;
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = new MigrunException("the batch write failed: " + e.getCause(), e.getCause());
                }
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the write in flight; returns the failure of a write since the last call, or null when every one committed. */
    synchronized Exception settle() {
        await();
        Exception f = failure;
        failure = null;
        return f;
    }

    @Override
    public void close() {
        await();
        synchronized (this) {
            if (thread != null) {
                thread.shutdown();
            }
        }
    }
}
