package io.migrun.internal.walk;

import io.migrun.MigrunException;
import io.migrun.helper.Cursor;
import io.migrun.helper.Keyset;
import io.migrun.helper.Page;
import io.migrun.internal.session.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads the pages of one keyset walk. With prefetching, pages are read on a connection of their
 * own, in autocommit, one page ahead: while batch N is worked on and written, page N+1 is read, so
 * the write transaction holds only the write and its checkpoint. Without it, each page is read on
 * the work connection inside its batch's transaction.
 */
public final class PageReader implements AutoCloseable {

    private final Keyset keyset;
    private final Supplier<Connection> open;
    private final String searchPath;
    private final boolean prefetch;
    private ExecutorService thread;
    private Connection reader;
    private Cursor pendingAfter;
    private Future<Page> pending;

    private PageReader(Keyset keyset, Supplier<Connection> open, String searchPath, boolean prefetch) {
        this.keyset = keyset;
        this.open = open;
        this.searchPath = searchPath;
        this.prefetch = prefetch;
    }

    /** Reads ahead on connections from {@code open}, which take the work connection's search_path (unless {@code work} is null: another database). */
    static PageReader ahead(Keyset keyset, Supplier<Connection> open, WorkConnection work) {
        return new PageReader(keyset, open, work == null ? null : searchPath(work), true);
    }

    /** Reads each page when asked, on the work connection given to {@link #take}. */
    static PageReader inline(Keyset keyset) {
        return new PageReader(keyset, null, null, false);
    }

    /** The page after {@code after}; when reading ahead, starts reading the one after it. */
    Page take(WorkConnection work, Cursor after) throws SQLException {
        if (!prefetch) {
            return keyset.next(work.get(), after);
        }
        Future<Page> future = after.equals(pendingAfter) ? pending : submit(after);
        pending = null;
        pendingAfter = null;
        Page page = await(future);
        if (!page.isEmpty()) {
            pendingAfter = page.cursor();
            pending = submit(page.cursor());
        }
        return page;
    }

    private Future<Page> submit(Cursor after) {
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "migrun-page-reader");
                t.setDaemon(true);
                return t;
            });
        }
        return thread.submit(() -> read(after));
    }

    private Page read(Cursor after) throws SQLException {
        if (reader == null) {
            reader = open.get();
            if (searchPath != null) {
                copySearchPath();
            }
        }
        try {
            return keyset.next(reader, after);
        } catch (SQLException | RuntimeException e) {
            if (Transient.lostConnection(e, reader)) {
                Session.closeQuietly(reader);
                reader = null;
            }
            throw e;
        }
    }

    /** A script that set its search_path before the walk means the same tables on the reading connection. */
    private void copySearchPath() throws SQLException {
        try (PreparedStatement ps = reader.prepareStatement("SELECT set_config('search_path', ?, false)")) {
            ps.setString(1, searchPath);
            ps.execute();
        }
    }

    /** Read when the walk starts, outside any transaction, so that the first batch can still commit in one statement. */
    private static String searchPath(WorkConnection work) {
        try {
            return work.outsideTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('search_path')"); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            });
        } catch (SQLException e) {
            throw new MigrunException("cannot read the search_path for the walk's reading connection: " + e.getMessage(), e);
        }
    }

    private static Page await(Future<Page> future) throws SQLException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrunException("interrupted while reading the next page", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException s) {
                throw s;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new MigrunException(String.valueOf(cause.getMessage()), cause);
        }
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.shutdown();
            try {
                thread.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (reader != null) {
            Session.closeQuietly(reader);
        }
    }
}
