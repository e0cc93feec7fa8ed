package io.migrun.config;

import io.migrun.ConfigurationException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads the helpers' settings: the keyring from {@code MIGRUN_KEYS} or a keys file, {@code http:}
 * and {@code datasources:} from {@code migrun.yml} (an environment's sections override the top
 * level's), with {@code MIGRUN_HTTP_BASE_URL} and {@code MIGRUN_HTTP_TOKEN} over both. Stateless.
 */
final class HelperLoader {

    private HelperLoader() {
    }

    /**
     * @param yaml       the file, or null when there is none
     * @param env        the chosen environment, or null
     * @param substitute expands {@code ${VAR}} in a value
     */
    static HelperSettings load(YamlFile yaml, YamlFile.YamlEnvironment env, String keysFile, Map<String, String> environment,
                               Path workDir, String fileName, UnaryOperator<String> substitute) {
        if (yaml != null && yaml.keys() != null || env != null && env.keys() != null) {
            throw new ConfigurationException(fileName + ": keys are never read from " + fileName + ", where they would sit in plain text. "
                    + "Set MIGRUN_KEYS, or name a keys file with keysFile: or --keys-file (lines from `migrun keys generate <id>`).");
        }
        YamlFile.YamlHttp http = env != null && env.http() != null ? env.http() : yaml == null ? null : yaml.http();
        Map<String, YamlFile.YamlDatasource> sources = new LinkedHashMap<>();
        if (yaml != null && yaml.datasources() != null) {
            sources.putAll(yaml.datasources());
        }
        if (env != null && env.datasources() != null) {
            sources.putAll(env.datasources());
        }
        Map<String, DatasourceSettings> datasources = new LinkedHashMap<>();
        sources.forEach((name, d) -> datasources.put(name, datasource(name, d, fileName, substitute)));
        HttpSettings httpSettings = http(http, fileName, substitute)
                .withOverrides(environment.get("MIGRUN_HTTP_BASE_URL"), environment.get("MIGRUN_HTTP_TOKEN"));
        return new HelperSettings(environment.get("MIGRUN_KEYS"), keysFile == null ? null : workDir.resolve(keysFile).normalize(),
                httpSettings, datasources);
    }

    private static DatasourceSettings datasource(String name, YamlFile.YamlDatasource d, String fileName, UnaryOperator<String> substitute) {
        String url = d == null || d.url() == null ? null : substitute.apply(d.url());
        if (url == null || !url.startsWith("jdbc:postgresql:") && !PostgresUrl.isLibpq(url)) {
            throw new ConfigurationException(fileName + ": datasource '" + name + "' needs url: jdbc:postgresql://host:port/database"
                    + " or postgres://user:password@host:port/database" + (url == null ? "" : " (found '" + Redaction.maskUrl(url) + "')") + ".");
        }
        PostgresUrl parsed = PostgresUrl.parse(fileName + ": datasource '" + name + "' url", url);
        int pool = d.poolSize() == null ? 4 : number(fileName, "datasources." + name + ".poolSize", substitute.apply(d.poolSize())).intValue();
        String user = d.user() == null ? parsed.user() : substitute.apply(d.user());
        String password = d.password() == null ? parsed.password() : substitute.apply(d.password());
        return new DatasourceSettings(parsed.jdbcUrl(), user, password, Math.max(1, pool));
    }

    private static HttpSettings http(YamlFile.YamlHttp h, String fileName, UnaryOperator<String> substitute) {
        HttpSettings d = HttpSettings.DEFAULTS;
        if (h == null) {
            return d;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (h.headers() != null) {
            h.headers().forEach((k, v) -> headers.put(k, substitute.apply(v)));
        }
        return new HttpSettings(
                h.baseUrl() == null ? null : substitute.apply(h.baseUrl()),
                h.token() == null ? null : substitute.apply(h.token()),
                headers,
                duration(fileName, "http.connectTimeout", h.connectTimeout(), d.connectTimeout(), substitute),
                duration(fileName, "http.readTimeout", h.readTimeout(), d.readTimeout(), substitute),
                duration(fileName, "http.callTimeout", h.callTimeout(), d.callTimeout(), substitute),
                h.maxRequestsPerSecond() == null ? null : number(fileName, "http.maxRequestsPerSecond", substitute.apply(h.maxRequestsPerSecond())).doubleValue(),
                h.maxRetries() == null ? d.maxRetries() : number(fileName, "http.maxRetries", substitute.apply(h.maxRetries())).intValue(),
                duration(fileName, "http.maxRetryTime", h.maxRetryTime(), d.maxRetryTime(), substitute),
                h.allowPlainHttp() != null && Boolean.parseBoolean(substitute.apply(h.allowPlainHttp())));
    }

    private static Duration duration(String fileName, String key, String text, Duration fallback, UnaryOperator<String> substitute) {
        if (text == null) {
            return fallback;
        }
        try {
            return Durations.parse(substitute.apply(text));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(fileName + ": " + key + ": " + e.getMessage() + ".");
        }
    }

    private static Number number(String fileName, String key, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(fileName + ": " + key + " must be a number, found '" + text + "'.");
        }
    }
}
