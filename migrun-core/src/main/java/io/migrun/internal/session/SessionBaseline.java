package io.migrun.internal.session;

import io.migrun.internal.dialect.Dialect;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings a work connection had, made by SET before migrun got it (a pool's initialisation
 * SQL, an embedder's schema), which a reset between scripts puts back. Empty for the connections
 * migrun opens itself, whose settings all come with the connection.
 */
public final class SessionBaseline {

    private final Dialect dialect;
    private final Map<String, String> settings;

    private SessionBaseline(Dialect dialect, Map<String, String> settings) {
        this.dialect = dialect;
        this.settings = settings;
    }

    static SessionBaseline read(Statement s, Dialect dialect) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery(dialect.sessionSettingsSql())) {
            while (rs.next()) {
                settings.put(rs.getString(1), rs.getString(2));
            }
        }
        return new SessionBaseline(dialect, settings);
    }

    /** The statements that make the settings again, to send with others; empty for none, null when a value cannot be written inline. */
    String restoreSql() {
        StringBuilder sql = new StringBuilder();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String one = dialect.setSessionSettingSql(e.getKey(), e.getValue());
            if (one == null) {
                return null;
            }
            sql.append(sql.length() == 0 ? "" : "; ").append(one);
        }
        return sql.toString();
    }

    /** Makes the settings again with parameters, in one round trip; none when there are none. */
    void restore(Statement s) throws SQLException {
        if (settings.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < settings.size(); i++) {
            sql.append(i == 0 ? "" : "; ").append(dialect.setSessionSettingSql());
        }
        try (PreparedStatement ps = s.getConnection().prepareStatement(sql.toString())) {
            int i = 1;
            for (Map.Entry<String, String> e : settings.entrySet()) {
                ps.setString(i++, e.getKey());
                ps.setString(i++, e.getValue());
            }
            ps.execute();
        }
    }
}
