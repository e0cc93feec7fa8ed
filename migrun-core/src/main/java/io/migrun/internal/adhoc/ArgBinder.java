package io.migrun.internal.adhoc;

import io.migrun.ConfigurationException;
import io.migrun.dsl.ArgSpec;
import io.migrun.internal.json.Json;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns {@code --arg key=value} pairs and {@code --args-json} into the typed {@code args} an
 * ad-hoc script declared. Every problem (unknown, missing, mistyped) is reported at once, with the
 * script's declared arguments, before anything runs.
 */
public final class ArgBinder {

    static final String MASK = "***";

    private ArgBinder() {
    }

    /**
     * @param pairs    {@code --arg} values as given, in order
     * @param json     the {@code --args-json} text, or null
     */
    static Map<String, Object> bind(String script, List<ArgSpec> specs, Map<String, String> pairs, String json) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> given = given(pairs, json, problems);
        Map<String, ArgSpec> byName = new LinkedHashMap<>();
        specs.forEach(s -> byName.put(s.name(), s));
        for (String k : given.keySet()) {
            if (!byName.containsKey(k)) {
                problems.add("unknown argument '" + k + "'");
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (ArgSpec s : specs) {
            bindOne(s, given.get(s.name()), out, problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Cannot run " + script + ":\n  " + String.join("\n  ", problems) + "\n" + usage(specs)
                    + "\nNothing was run.");
        }
        return out;
    }

    /** The values given, by name: those of {@code --args-json}, then the {@code --arg} pairs. */
    private static Map<String, Object> given(Map<String, String> pairs, String json, List<String> problems) {
        Map<String, Object> given = new LinkedHashMap<>();
        if (json != null) {
            Object parsed;
            try {
                parsed = Json.parse(json);
            } catch (RuntimeException e) {
                throw new ConfigurationException("--args-json is not valid JSON: " + e.getMessage().split("\n")[0]
                        + ". Give an object, e.g. --args-json '{\"email\": \"a@b.c\"}'.");
            }
            if (!(parsed instanceof Map<?, ?> m)) {
                throw new ConfigurationException("--args-json must be a JSON object, e.g. '{\"email\": \"a@b.c\"}'; got " + json + ".");
            }
            m.forEach((k, v) -> given.put(String.valueOf(k), v));
        }
        pairs.forEach((k, v) -> {
            if (given.containsKey(k)) {
                problems.add("'" + k + "' is given twice (in --args-json and --arg)");
            }
            given.put(k, v);
        });
        return given;
    }

    /** Puts the typed value of one declared argument into {@code out}, or says what is wrong with it. */
    private static void bindOne(ArgSpec s, Object raw, Map<String, Object> out, List<String> problems) {
        if (raw == null) {
            if (s.required()) {
                problems.add("missing required argument '" + s.name() + "'");
            } else {
                out.put(s.name(), s.defaultValue());
            }
            return;
        }
        try {
            out.put(s.name(), convert(raw, s.type()));
        } catch (RuntimeException e) {
            String shown = s.secret() ? MASK : raw instanceof String ? "'" + raw + "'" : Json.write(raw);
            problems.add("argument '" + s.name() + "' must be " + describe(s.type()) + ", got " + shown);
        }
    }

    /** The declared arguments, one per line, as usage errors show them. */
    static String usage(List<ArgSpec> specs) {
        if (specs.isEmpty()) {
            return "The script declares no arguments.";
        }
        StringBuilder b = new StringBuilder("Its arguments:");
        for (ArgSpec s : specs) {
            b.append("\n  --arg ").append(s.name()).append("=<").append(s.type().getSimpleName()).append('>');
            List<String> notes = new ArrayList<>();
            notes.add(s.required() ? "required" : "optional");
            if (s.defaultValue() != null && !s.secret()) {
                notes.add("default " + s.defaultValue());
            }
            if (s.secret()) {
                notes.add("secret");
            }
            if (s.description() != null) {
                notes.add(s.description());
            }
            b.append("  (").append(String.join(", ", notes)).append(')');
        }
        return b.toString();
    }

    /** The arguments as JSON for the log and for {@code --once}, secrets masked. */
    static Map<String, Object> masked(List<ArgSpec> specs, Map<String, Object> args) {
        Map<String, Object> out = new LinkedHashMap<>(args);
        for (ArgSpec s : specs) {
            if (s.secret() && out.get(s.name()) != null) {
                out.put(s.name(), MASK);
            }
        }
        return out;
    }

    /** The values of secret arguments, to mask wherever they might show. */
    static List<String> secrets(List<ArgSpec> specs, Map<String, Object> args) {
        List<String> out = new ArrayList<>();
        for (ArgSpec s : specs) {
            Object v = args.get(s.name());
            if (s.secret() && v != null && !v.toString().isEmpty()) {
                out.add(v.toString());
            }
        }
        return out;
    }

    private static Object convert(Object raw, Class<?> type) {
        if (type == String.class) {
            if (!(raw instanceof String)) {
                throw new IllegalArgumentException();
            }
            return raw;
        }
        if (type == Integer.class) {
            return new BigDecimal(raw.toString().trim()).intValueExact();
        }
        if (type == Long.class) {
            return new BigDecimal(raw.toString().trim()).longValueExact();
        }
        if (type == BigDecimal.class) {
            return new BigDecimal(raw.toString().trim());
        }
        if (type == Boolean.class) {
            if (raw instanceof Boolean b) {
                return b;
            }
            String t = raw.toString().trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return Boolean.valueOf(t);
            }
            throw new IllegalArgumentException();
        }
        if (type == LocalDate.class) {
            return LocalDate.parse(raw.toString().trim());
        }
        if (type == Instant.class) {
            return Instant.parse(raw.toString().trim());
        }
        Object v = raw instanceof String text ? Json.parse(text) : raw;
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException();
        }
        return v;
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == Long.class) {
            return "a whole number (" + type.getSimpleName() + ")";
        }
        if (type == BigDecimal.class) {
            return "a number (BigDecimal)";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == LocalDate.class) {
            return "a date such as 2026-11-21";
        }
        if (type == Instant.class) {
            return "an instant such as 2026-11-21T10:00:00Z";
        }
        if (type == List.class) {
            return "a JSON list";
        }
        if (type == Map.class) {
            return "a JSON object";
        }
        return "text";
    }
}
