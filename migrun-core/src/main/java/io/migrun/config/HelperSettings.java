package io.migrun.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the scripts' helpers are configured with: the keyring ({@code MIGRUN_KEYS}, or a keys file;
 * never key text in {@code migrun.yml}), the HTTP client and the named datasources.
 *
 * @param keys        the {@code MIGRUN_KEYS} text, or null; a secret
 * @param keysFile    a keys file, or null
 * @param http        the HTTP client's settings
 * @param datasources named datasources
 */
public record HelperSettings(String keys, Path keysFile, HttpSettings http, Map<String, DatasourceSettings> datasources) {

    public static final HelperSettings NONE = new HelperSettings(null, null, HttpSettings.DEFAULTS, Map.of());

    public HelperSettings {
        http = http == null ? HttpSettings.DEFAULTS : http;
        datasources = datasources == null ? Map.of() : Map.copyOf(datasources);
    }

    List<String> secrets() {
        List<String> out = new ArrayList<>(http.secrets());
        out.addAll(Redaction.keysIn(keys));
        out.addAll(Redaction.keysInFile(keysFile));
        datasources.values().forEach(d -> {
            if (d.password() != null && !d.password().isEmpty()) {
                out.add(d.password());
            }
            out.addAll(Redaction.passwordsInUrl(d.url()));
        });
        return out;
    }

    @Override
    public String toString() {
        return "HelperSettings[keys=" + (keys == null ? "none" : "***") + ", keysFile=" + keysFile + ", http=" + http + ", datasources=" + datasources.keySet() + "]";
    }
}
