package io.migrun.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * The shape of {@code migrun.yml}. Unknown keys are errors, so a typo never passes silently.
 *
 * @param keys         never accepted: present only to refuse key text in the file with a reason
 * @param environments named overrides, chosen with {@code --env}; one with {@code protected: true} asks before changes
 */
record YamlFile(String url, String user, String password, String migrations, String scripts, String schema, String table,
                String lockTimeout, String ddlLockTimeout, String lockRetries, String lockRetryTime, String lint,
                String keysFile, Object keys, YamlHttp http, Map<String, YamlDatasource> datasources,
                Map<String, YamlEnvironment> environments) {

    /** One named environment; the same keys as the top level, which it overrides. */
    record YamlEnvironment(String url, String user, String password, String migrations, String scripts, String schema, String table,
                           String lockTimeout, String ddlLockTimeout, String lockRetries, String lockRetryTime, String lint,
                           String keysFile, Object keys, YamlHttp http, Map<String, YamlDatasource> datasources,
                           @JsonProperty("protected") Boolean isProtected) {
    }

    /** {@code http:}; durations like {@code 30s}. */
    record YamlHttp(String baseUrl, String token, Map<String, String> headers, String connectTimeout, String readTimeout,
                    String callTimeout, String maxRequestsPerSecond, String maxRetries, String maxRetryTime, String allowPlainHttp) {
    }

    /** One entry of {@code datasources:}. */
    record YamlDatasource(String url, String user, String password, String poolSize) {
    }
}
