package io.migrun.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.migrun.ConfigurationException;
import io.migrun.MigrationVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds a configuration from flags, then {@code MIGRUN_*} environment variables ({@code DATABASE_URL}
 * when {@code MIGRUN_URL} is not set), then the chosen
 * environment of {@code migrun.yml}, then its top level, then defaults; the first that sets a
 * value wins. {@code ${VAR}} and {@code ${VAR:-default}} in YAML values are read from the
 * environment. Stateless.
 */
public final class ConfigLoader {

    /** The settings every layer may carry, with their environment variable names. */
    static final Map<String, String> ENVIRONMENT_NAMES = Map.ofEntries(
            Map.entry("url", "MIGRUN_URL"), Map.entry("user", "MIGRUN_USER"), Map.entry("password", "MIGRUN_PASSWORD"),
            Map.entry("migrations", "MIGRUN_MIGRATIONS"), Map.entry("schema", "MIGRUN_SCHEMA"), Map.entry("table", "MIGRUN_TABLE"),
            Map.entry("lockTimeout", "MIGRUN_LOCK_TIMEOUT"), Map.entry("keysFile", "MIGRUN_KEYS_FILE"), Map.entry("scripts", "MIGRUN_SCRIPTS"),
            Map.entry("ddlLockTimeout", "MIGRUN_DDL_LOCK_TIMEOUT"), Map.entry("lockRetries", "MIGRUN_LOCK_RETRIES"),
            Map.entry("lockRetryTime", "MIGRUN_LOCK_RETRY_TIME"), Map.entry("lint", "MIGRUN_LINT"));
    /** The configuration file read from the working directory when --config and MIGRUN_CONFIG name none. */
    static final String DEFAULT_FILE = "migrun.yml";
    /** The migrations folder, relative to the working directory, when no layer names one. */
    static final String DEFAULT_MIGRATIONS = "migrations";
    /** The folder of the working directory that holds the embedded PostgreSQL's data. */
    static final String DATA_FOLDER = ".migrun";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private ConfigLoader() {
    }

    /**
     * @param flags       settings given on the command line (keys as in {@code migrun.yml}, plus
     *                    {@code env} and {@code config}); null values count as unset
     * @param environment the process environment
     * @param workDir     where {@code migrun.yml}, relative folders and {@code .migrun/} are found
     */
    public static MigrunConfig.Builder load(Map<String, String> flags, Map<String, String> environment, Path workDir) {
        String envName = first(flags.get("env"), environment.get("MIGRUN_ENV"));
        String configFile = first(flags.get("config"), environment.get("MIGRUN_CONFIG"));
        Path yamlPath = workDir.resolve(configFile == null ? DEFAULT_FILE : configFile);
        if (configFile != null && !Files.isRegularFile(yamlPath)) {
            throw new ConfigurationException("The configuration file " + yamlPath + " does not exist. Check --config or MIGRUN_CONFIG.");
        }
        Map<String, String> merged = new HashMap<>();
        YamlFile yaml = null;
        YamlFile.YamlEnvironment env = null;
        if (Files.isRegularFile(yamlPath)) {
            yaml = read(yamlPath);
            merged.putAll(yamlValues(yaml.url(), yaml.user(), yaml.password(), yaml.migrations(), yaml.schema(), yaml.table(), yaml.lockTimeout()));
            putIfSet(merged, "keysFile", yaml.keysFile());
            putIfSet(merged, "scripts", yaml.scripts());
            putIfSet(merged, "lint", yaml.lint());
            merged.putAll(LockGuardSettings.values(yaml.ddlLockTimeout(), yaml.lockRetries(), yaml.lockRetryTime()));
            if (envName != null) {
                env = environment(yaml, envName, yamlPath);
                merged.putAll(yamlValues(env.url(), env.user(), env.password(), env.migrations(), env.schema(), env.table(), env.lockTimeout()));
                putIfSet(merged, "keysFile", env.keysFile());
                putIfSet(merged, "scripts", env.scripts());
                putIfSet(merged, "lint", env.lint());
                merged.putAll(LockGuardSettings.values(env.ddlLockTimeout(), env.lockRetries(), env.lockRetryTime()));
            }
            merged.replaceAll((key, value) -> substitute(key, value, environment, yamlPath));
        } else if (envName != null) {
            throw new ConfigurationException("--env " + envName + " needs a migrun.yml with an environments: section; none was found in " + workDir + ".");
        }
        putIfSet(merged, "url", environment.get("DATABASE_URL"));
        ENVIRONMENT_NAMES.forEach((key, variable) -> putIfSet(merged, key, environment.get(variable)));
        ENVIRONMENT_NAMES.keySet().forEach(key -> putIfSet(merged, key, flags.get(key)));
        String fileName = yamlPath.getFileName().toString();
        HelperSettings helpers = HelperLoader.load(yaml, env, merged.get("keysFile"), environment, workDir, fileName,
                value -> substitute("a value", value, environment, yamlPath));
        return builder(merged, workDir).helpers(helpers)
                .scripts(workDir.resolve(merged.getOrDefault("scripts", "scripts")).normalize())
                .environment(envName)
                .protectedEnvironment(env != null && Boolean.TRUE.equals(env.isProtected()));
    }

    /** The environment {@code name} of the file; an error that lists the defined ones when it has none of that name. */
    private static YamlFile.YamlEnvironment environment(YamlFile yaml, String name, Path yamlPath) {
        YamlFile.YamlEnvironment env = yaml.environments() == null ? null : yaml.environments().get(name);
        if (env == null) {
            String known = yaml.environments() == null ? "none" : String.join(", ", new TreeSet<>(yaml.environments().keySet()));
            throw new ConfigurationException("The environment '" + name + "' is not defined in " + yamlPath.getFileName()
                    + " (defined: " + known + "). Add it under environments:, or pick another with --env.");
        }
        return env;
    }

    private static MigrunConfig.Builder builder(Map<String, String> values, Path workDir) {
        MigrunConfig.Builder b = MigrunConfig.builder()
                .url(values.get("url"))
                .user(values.get("user"))
                .password(values.get("password"))
                .schema(values.get("schema"))
                .embeddedDataDir(workDir.resolve(DATA_FOLDER).resolve("postgres"));
        b.migrations(workDir.resolve(values.getOrDefault("migrations", DEFAULT_MIGRATIONS)).normalize());
        if (values.containsKey("table")) {
            b.table(values.get("table"));
        }
        if (values.containsKey("lockTimeout")) {
            try {
                b.lockTimeout(Durations.parse(values.get("lockTimeout")));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("Invalid lock timeout: " + e.getMessage() + ".");
            }
        }
        if (values.containsKey("lint")) {
            b.lint(LintMode.parse(values.get("lint")));
        }
        return b.lockGuard(LockGuardSettings.guard(values));
    }

    /**
     * The secrets the environment holds ({@code MIGRUN_PASSWORD}, {@code MIGRUN_HTTP_TOKEN}, the keys
     * of {@code MIGRUN_KEYS}, a password in {@code MIGRUN_URL} or {@code DATABASE_URL}), for masking output written before a
     * configuration has loaded, or when it fails to.
     */
    public static List<String> secretsIn(Map<String, String> environment) {
        List<String> out = new ArrayList<>();
        for (String name : List.of("MIGRUN_PASSWORD", "MIGRUN_HTTP_TOKEN")) {
            putIfSet(out, environment.get(name));
        }
        out.addAll(Redaction.keysIn(environment.get("MIGRUN_KEYS")));
        out.addAll(Redaction.passwordsInUrl(environment.get("MIGRUN_URL")));
        out.addAll(Redaction.passwordsInUrl(environment.get("DATABASE_URL")));
        return out;
    }

    private static void putIfSet(List<String> out, String value) {
        if (value != null) {
            out.add(value);
        }
    }

    /** Parses a version given as a setting, naming the setting when it is malformed. */
    public static MigrationVersion version(String setting, String text) {
        try {
            return MigrationVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid " + setting + ": " + e.getMessage() + ".");
        }
    }

    private static YamlFile read(Path path) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        String name = path.getFileName().toString();
        try {
            String text = Files.readString(path);
            // Jackson refuses a document without content, such as the all-commented file of migrun init
            boolean blank = text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
            YamlFile file = blank ? null : mapper.readValue(text, YamlFile.class);
            return file == null ? new YamlFile(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null) : file;
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds().stream().map(Object::toString).filter(k -> !k.equals("keys")).sorted().toList();
            throw new ConfigurationException(name + " line " + keyLine(path, e) + ": unknown key '" + keyPath(e)
                    + "'. Known keys here: " + String.join(", ", known) + ".");
        } catch (MismatchedInputException e) {
            throw new ConfigurationException(name + " line " + keyLine(path, e) + ": '" + keyPath(e)
                    + "' must be " + (e.getTargetType() == String.class ? "a single value, not a list or a map" : "a map of names to settings")
                    + ". Fix the file, or point --config elsewhere.");
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(name + " line " + line(e.getLocation()) + " is not valid YAML: "
                    + firstLine(e.getOriginalMessage()) + ". Fix the file, or point --config elsewhere.");
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static String keyPath(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                .collect(Collectors.joining("."));
    }

    /** The line of the offending key, found by walking its path through the text: the parser reports where it stopped, a line later. */
    private static String keyLine(Path path, JsonMappingException e) {
        try {
            List<String> lines = Files.readAllLines(path);
            int from = 0;
            for (JsonMappingException.Reference r : e.getPath()) {
                if (r.getFieldName() == null) {
                    continue;
                }
                Pattern key = Pattern.compile("^\\s*(- )?[\"']?" + Pattern.quote(r.getFieldName()) + "[\"']?\\s*:.*");
                while (from < lines.size() && !key.matcher(lines.get(from)).matches()) {
                    from++;
                }
            }
            return from < lines.size() ? String.valueOf(from + 1) : line(e.getLocation());
        } catch (IOException x) {
            return line(e.getLocation());
        }
    }

    private static String line(JsonLocation location) {
        return location == null ? "?" : String.valueOf(location.getLineNr());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Map<String, String> yamlValues(String url, String user, String password, String migrations,
                                                  String schema, String table, String lockTimeout) {
        Map<String, String> m = new LinkedHashMap<>();
        putIfSet(m, "url", url);
        putIfSet(m, "user", user);
        putIfSet(m, "password", password);
        putIfSet(m, "migrations", migrations);
        putIfSet(m, "schema", schema);
        putIfSet(m, "table", table);
        putIfSet(m, "lockTimeout", lockTimeout);
        return m;
    }

    private static String substitute(String key, String value, Map<String, String> environment, Path yamlPath) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = environment.get(m.group(1));
            if (v == null) {
                v = m.group(2);
            }
            if (v == null) {
                throw new ConfigurationException(yamlPath.getFileName() + ": " + key + " refers to ${" + m.group(1)
                        + "}, which is not set in the environment. Set it, or give a default as ${" + m.group(1) + ":-value}.");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void putIfSet(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
