package io.migrun.dsl;

import groovy.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code sql} scripts see: a {@link Sql} on the run's connection that binds parameters without
 * first asking the server for the statement's parameter metadata. Stock {@code Sql} does that for
 * every parameterised statement, only to log a warning, and with pgjdbc each ask is a round trip,
 * which doubles the cost of a {@code withBatch} loop.
 */
public class MigrationSql extends Sql {

    private final Supplier<Connection> connection;

    /** @param connection the run's current connection; it may be replaced when a lost connection is re-opened */
    public MigrationSql(Supplier<Connection> connection) {
        super(connection.get());
        this.connection = connection;
    }

    @Override
    protected Connection createConnection() {
        return connection.get();
    }

    @Override
    public Connection getConnection() {
        return connection.get();
    }

    @Override
    protected void setParameters(List<Object> params, PreparedStatement statement) throws SQLException {
        if (params.size() == 1 && params.get(0) instanceof Map<?, ?> named && named.isEmpty()) {
            return;
        }
        int i = 1;
        for (Object value : params) {
            setObject(statement, i++, value);
        }
    }
}
