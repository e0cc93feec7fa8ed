package io.migrun.config;

import java.util.Map;

/**
 * The shape of {@code migrun.yml}. Unknown keys are errors, so a typo never passes silently.
 *
 * @param environments named overrides, chosen with {@code --env}
 */
record YamlFile(String url, String user, String password, String migrations, String schema, String table,
                String lockTimeout, Map<String, YamlEnvironment> environments) {

    /** One named environment; the same keys as the top level, which it overrides. */
    record YamlEnvironment(String url, String user, String password, String migrations, String schema, String table,
                           String lockTimeout) {
    }
}
