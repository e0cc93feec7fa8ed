package io.migrun.engine;

import io.migrun.dialect.Dialect;
import io.migrun.helper.Json;
import io.migrun.helper.Keyset;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** How many rows a walk expects, for progress: counted with {@code total: 'exact'}, else the planner's estimate for a table, else unknown. */
final class Totals {

    private Totals() {
    }

    /** {total, 1 if estimated}; total null when unknown. */
    static Long[] of(Connection c, Dialect dialect, Keyset keyset, BatchOptions o) throws SQLException {
        if (o.exactTotal()) {
            String sql = "SELECT count(*) FROM " + (keyset.isTable() ? keyset.source() : "(" + keyset.source() + ") AS src")
                    + (o.where() == null ? "" : " WHERE " + o.where());
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Long[]{rs.getLong(1), null};
            }
        }
        if (!keyset.isTable()) {
            return new Long[]{null, null};
        }
        if (o.where() != null) {
            String explain = dialect.explainSql("SELECT 1 FROM " + keyset.source() + " WHERE " + o.where());
            try (PreparedStatement ps = c.prepareStatement(explain); ResultSet rs = ps.executeQuery()) {
                rs.next();
                com.fasterxml.jackson.databind.JsonNode plan = Json.mapper().readTree(rs.getString(1)).path(0).path("Plan").path("Plan Rows");
                return plan.isNumber() ? new Long[]{plan.asLong(), 1L} : new Long[]{null, null};
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return new Long[]{null, null};
            }
        }
        try (PreparedStatement ps = c.prepareStatement(dialect.estimatedRowsSql())) {
            ps.setString(1, keyset.source());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Long[]{null, null};
                }
                long rows = rs.getLong(1);
                return rs.wasNull() ? new Long[]{null, null} : new Long[]{rows, 1L};
            }
        }
    }
}
