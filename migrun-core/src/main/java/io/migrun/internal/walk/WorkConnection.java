package io.migrun.internal.walk;

import io.migrun.helper.Connections;
import io.migrun.internal.session.Session;
import io.migrun.internal.session.Transactions;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The run's current work connection, as the walks of one migration use it. It is not one
 * connection for the whole run: a lost one is replaced between attempts of a batch (while the lock
 * still holds, see {@link Session#reconnect}), so every use asks for it again here rather than
 * keeping a {@link Connection}. While a batch write runs on it in the background ({@link WriteBehind})
 * {@link #get} waits for that write first. Used from the run's thread, except for the background write
 * on the connection it was handed.
 */
final class WorkConnection {

    private final Session session;

    WorkConnection(Session session) {
        this.session = session;
    }

    /** The connection now, once a write in the background has ended. */
    Connection get() {
        return session.work();
    }

    /** A further connection to the same database, for reading alongside this one; the caller closes it. */
    Connection another() {
        return session.connect();
    }

    /** Replaces a lost connection; refused (an exception) when the lock was lost too. */
    void reconnect() {
        session.reconnect();
    }

    /** Whether {@code failure} means the connection is gone (then {@link #reconnect} before going on). */
    boolean lost(Throwable failure) {
        return Transient.lostConnection(failure, get());
    }

    /** Opens the transaction of a batch, a step or a part of one. */
    void begin() throws SQLException {
        get().setAutoCommit(false);
    }

    void commit() throws SQLException {
        get().commit();
    }

    void rollbackQuietly() {
        Transactions.rollbackQuietly(get());
    }

    void autoCommitQuietly() {
        Transactions.autoCommitQuietly(get());
    }

    /** Runs {@code work} outside any transaction, as {@link Connections#outsideTransaction} does. */
    <T> T outsideTransaction(Connections.Work<T> work) throws SQLException {
        return Connections.outsideTransaction(get(), work);
    }

    /** Tells the run's other users of the connection that {@code write} runs on it in the background, or with null that none does. */
    void writingBehind(Session.PendingWrite write) {
        session.writingBehind(write);
    }
}
