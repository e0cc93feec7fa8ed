package io.migrun.dsl;

import groovy.lang.Closure;
import groovy.sql.GroovyRowResult;
import groovy.sql.Sql;
import io.migrun.helper.Json;

import java.sql.ResultSet;

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

    /** A {@code Sql} on a pool: each call borrows a connection and returns it. */
    public MigrationSql(javax.sql.DataSource pool) {
        super(pool);
        this.connection = null;
    }

    @Override
    protected Connection createConnection() throws SQLException {
        return connection == null ? super.createConnection() : connection.get();
    }

    @Override
    public Connection getConnection() {
        return connection == null ? super.getConnection() : connection.get();
    }

    /** json and jsonb columns arrive as Maps and Lists rather than PGobject text. */
    @Override
    protected List<GroovyRowResult> asList(String sql, ResultSet rs, int offset, int maxRows, Closure metaClosure) throws SQLException {
        List<GroovyRowResult> rows = super.asList(sql, rs, offset, maxRows, metaClosure);
        for (int i = 0; i < rows.size(); i++) {
            GroovyRowResult row = rows.get(i);
            if (row.values().stream().anyMatch(v -> v instanceof org.postgresql.util.PGobject)) {
                java.util.Map<String, Object> converted = new java.util.LinkedHashMap<>();
                row.forEach((k, v) -> converted.put(String.valueOf(k), Json.fromColumn(v)));
                rows.set(i, new GroovyRowResult(converted));
            }
        }
        return rows;
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
