package io.migrun.internal.walk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.migrun.helper.Cursor;
import io.migrun.helper.Keyset;
import io.migrun.internal.dialect.Dialect;
import io.migrun.internal.history.Checkpoint;
import io.migrun.internal.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Works out how many rows a walk expects ({@link Totals}), never fewer than it has already seen.
 * Counted with {@code total: 'exact'} and for a table that has no statistics (never analysed, where
 * the planner can only guess); otherwise, for a table, the planner's estimate, labelled as one;
 * unknown for a query. A resumed walk keeps the total its checkpoint kept while that is still ahead
 * of it. A total the walk reaches before its end is replaced by the rows seen plus a count of those
 * still ahead. Not thread-safe.
 */
public final class ExpectedRows {

    private final Dialect dialect;
    private final Keyset keyset;
    private final BatchOptions options;
    private Totals totals = Totals.UNKNOWN;

    ExpectedRows(Dialect dialect, Keyset keyset, BatchOptions options) {
        this.dialect = dialect;
        this.keyset = keyset;
        this.options = options;
    }

    /** The rows expected now. */
    Totals totals() {
        return totals;
    }

    /** The total of a walk about to go on after {@code after}, its checkpoint {@code cp} (null for a new walk). */
    Totals start(Connection c, Cursor after, Checkpoint cp) throws SQLException {
        long seen = cp == null ? 0 : cp.processed() + cp.failed();
        if (!options.exactTotal() && cp != null && cp.total() != null && cp.total() > seen) {
            totals = new Totals(cp.total(), cp.totalEstimated());
        } else if (options.exactTotal() || keyset.isTable() && !analysed(c)) {
            totals = count(c, after, seen);
        } else if (keyset.isTable()) {
            Long ahead = estimate(c, after);
            totals = Totals.estimate(ahead == null ? null : seen + ahead);
        }
        return totals;
    }

    /** After a batch that brought the walk to {@code seen} rows at {@code after}: the total counted again when the walk reached it, else empty. */
    Optional<Totals> recount(Reading reading, Cursor after, long seen) throws SQLException {
        if (!totals.reachedBy(seen)) {
            return Optional.empty();
        }
        totals = reading.read(c -> count(c, after, seen));
        return Optional.of(totals);
    }

    private Totals count(Connection c, Cursor after, long seen) throws SQLException {
        Keyset.Query ahead = keyset.ahead("count(*)", after);
        try (PreparedStatement ps = prepare(c, ahead.sql(), ahead); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Totals.counted(seen + rs.getLong(1));
        }
    }

    /** False for a table never vacuumed or analysed: the planner's row counts are then guesses. */
    private boolean analysed(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.estimatedRowsSql())) {
            ps.setString(1, keyset.source());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                rs.getLong(1);
                return !rs.wasNull();
            }
        }
    }

    /** The planner's estimate of the rows after {@code after}, which scales the table's statistics to its current size. */
    private Long estimate(Connection c, Cursor after) throws SQLException {
        Keyset.Query ahead = keyset.ahead("1", after);
        try (PreparedStatement ps = prepare(c, dialect.explainSql(ahead.sql()), ahead); ResultSet rs = ps.executeQuery()) {
            rs.next();
            JsonNode plan = Json.mapper().readTree(rs.getString(1)).path(0).path("Plan").path("Plan Rows");
            return plan.isNumber() ? plan.asLong() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Keyset.Query query) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < query.params().size(); i++) {
            ps.setString(i + 1, query.params().get(i));
        }
        return ps;
    }
}
