package io.migrun.engine;

import io.migrun.MigrunException;

import java.sql.Connection;
import java.sql.SQLException;

/** Where a walk over another datasource reads: its pool, and one connection of it for the checks before the first batch. */
final class WalkSource implements AutoCloseable {
    private final javax.sql.DataSource pool;
    private Connection probe;

    private WalkSource(javax.sql.DataSource pool) {
        this.pool = pool;
    }

    static WalkSource of(javax.sql.DataSource pool) {
        return new WalkSource(pool);
    }

    Connection open() {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw new MigrunException("cannot connect to the walk's datasource: " + e.getMessage(), e);
        }
    }

    Connection probe() {
        if (probe == null) {
            probe = open();
        }
        return probe;
    }

    @Override
    public void close() {
        if (probe != null) {
            Session.closeQuietly(probe);
        }
    }
}
