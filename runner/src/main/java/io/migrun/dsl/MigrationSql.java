package io.migrun.dsl;

import groovy.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The {@code sql} scripts see: a {@link Sql} on the run's connection that binds parameters without
 * first asking the server for the statement's parameter metadata. Stock {@code Sql} does that for
 * every parameterised statement, only to log a warning, and with pgjdbc each ask is a round trip,
 * which doubles the cost of a {@code withBatch} loop.
 */
public class MigrationSql extends Sql {

    public MigrationSql(Connection connection) {
        super(connection);
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
