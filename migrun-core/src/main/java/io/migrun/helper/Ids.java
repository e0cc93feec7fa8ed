package io.migrun.helper;

import io.migrun.MigrunException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The scripts' {@code ids}: a map from ids in one system to ids in another, per namespace, kept in
 * the id map table ({@code _migrationIdMap} beside the log). Written on the run's connection, so a
 * mapping commits with the batch that made it: a resumed move neither loses nor duplicates one.
 * Ids are kept as text. Not thread-safe.
 */
public final class Ids {

    private final Supplier<Connection> connection;
    private final String table;
    private boolean ready;

    /** @param table the qualified id map table */
    public Ids(Supplier<Connection> connection, String table) {
        this.connection = connection;
        this.table = table;
    }

    private Connection c() {
        Connection c = connection.get();
        if (!ready) {
            try {
                Connections.outsideTransaction(c, x -> {
                    try (Statement s = x.createStatement()) {
                        return s.execute("CREATE TABLE IF NOT EXISTS " + table + " (namespace text NOT NULL, source_id text NOT NULL, "
                                + "target_id text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (namespace, source_id))");
                    }
                });
            } catch (SQLException e) {
                throw new MigrunException("cannot create the id map " + table + ": " + e.getMessage(), e);
            }
            ready = true;
        }
        return c;
    }

    /** Records that {@code sourceId} became {@code targetId}; the same pair again is a no-op, another target for the same source an error. */
    public void put(String namespace, Object sourceId, Object targetId) {
        putAll(namespace, Collections.singletonMap(sourceId, targetId));
    }

    /** The target of {@code sourceId}; throws naming it when there is none. */
    public String get(String namespace, Object sourceId) {
        return find(namespace, sourceId).orElseThrow(() -> new MigrunException("ids: no " + namespace + " mapping for source id " + sourceId
                + "; map it first with ids.put('" + namespace + "', source, target), or check the order of the move"));
    }

    public Optional<String> find(String namespace, Object sourceId) {
        return Optional.ofNullable(read(namespace, List.of(text(sourceId))).get(text(sourceId)));
    }

    /** Records many mappings in one statement: {@code sourceId -> targetId}, each as {@link #put} would. */
    public void putAll(String namespace, Map<?, ?> mappings) {
        if (mappings.isEmpty()) {
            return;
        }
        Map<String, String> byText = new LinkedHashMap<>();
        mappings.forEach((source, target) -> {
            String previous = byText.putIfAbsent(text(source), text(target));
            if (previous != null && !previous.equals(text(target))) {
                throw new MigrunException("ids: " + namespace + " " + source + " is given two targets, " + previous + " and " + target
                        + "; a source id maps to one target");
            }
        });
        List<String> sources = new ArrayList<>(byText.keySet());
        List<String> targets = new ArrayList<>(byText.values());
        String sql = "INSERT INTO " + table + " AS m (namespace, source_id, target_id) SELECT ?, s, t FROM unnest(?::text[], ?::text[]) AS v(s, t) "
                + "ON CONFLICT (namespace, source_id) DO UPDATE SET target_id = EXCLUDED.target_id WHERE m.target_id = EXCLUDED.target_id "
                + "RETURNING source_id";
        Set<String> written = new HashSet<>();
        Connection c = c();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, namespace);
            ps.setArray(2, c.createArrayOf("text", sources.toArray()));
            ps.setArray(3, c.createArrayOf("text", targets.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    written.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new MigrunException("ids: cannot record " + namespace + " " + (sources.size() == 1 ? sources.get(0) : "mappings") + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < sources.size(); i++) {
            if (!written.contains(sources.get(i))) {
                String existing = find(namespace, sources.get(i)).orElse("?");
                throw new MigrunException("ids: " + namespace + " " + sources.get(i) + " is already mapped to " + existing + ", not " + targets.get(i)
                        + "; a source id maps to one target");
            }
        }
    }

    /** The targets of many source ids in one query, by source id as text; throws naming the ones missing. */
    public Map<String, String> getAll(String namespace, Collection<?> sourceIds) {
        List<String> wanted = new ArrayList<>();
        sourceIds.forEach(id -> wanted.add(text(id)));
        Map<String, String> found = read(namespace, wanted);
        List<String> missing = wanted.stream().filter(id -> !found.containsKey(id)).distinct().toList();
        if (!missing.isEmpty()) {
            throw new MigrunException("ids: no " + namespace + " mapping for source id" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing.subList(0, Math.min(10, missing.size()))) + (missing.size() > 10 ? " and " + (missing.size() - 10) + " more" : ""));
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        wanted.forEach(id -> ordered.put(id, found.get(id)));
        return ordered;
    }

    /**
     * Reads mappings without opening a transaction when none is open: a batch that looks ids up,
     * calls out over HTTP and then writes holds its transaction only for the writes.
     */
    private Map<String, String> read(String namespace, List<String> wanted) {
        try {
            return Connections.outsideTransaction(c(), c -> {
                Map<String, String> found = new LinkedHashMap<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT source_id, target_id FROM " + table + " WHERE namespace = ? AND source_id = ANY (?)")) {
                    ps.setString(1, namespace);
                    ps.setArray(2, c.createArrayOf("text", wanted.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.put(rs.getString(1), rs.getString(2));
                        }
                    }
                }
                return found;
            });
        } catch (SQLException e) {
            throw new MigrunException("ids: cannot read " + namespace + " mappings: " + e.getMessage(), e);
        }
    }

    private static String text(Object id) {
        if (id == null) {
            throw new IllegalArgumentException("ids: an id cannot be null");
        }
        return String.valueOf(id);
    }
}
