package io.migrun.config;

/**
 * One named datasource of {@code migrun.yml} ({@code datasources: legacy: url: …}), reached by
 * scripts as {@code db('legacy')}.
 *
 * @param url      a PostgreSQL JDBC URL
 * @param user     the user, or null
 * @param password the password, or null; a secret
 * @param poolSize at most this many connections
 */
public record DatasourceSettings(String url, String user, String password, int poolSize) {

    @Override
    public String toString() {
        return "DatasourceSettings[url=" + Redaction.maskUrl(url) + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
