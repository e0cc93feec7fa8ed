package io.migrun.dsl;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One argument an ad-hoc script declares with {@code arg 'email', String, required: true}.
 *
 * @param name         as given with {@code --arg name=value} or in {@code --args-json}
 * @param type         the Java type the value is converted to; see {@link #TYPES}
 * @param required     a run without it is refused before anything runs
 * @param defaultValue used when the argument is not given, or null
 * @param secret       masked in output and in the log
 * @param description  shown in usage errors, or null
 */
public record ArgSpec(String name, Class<?> type, boolean required, Object defaultValue, boolean secret, String description) {

    /** The types an argument may have. */
    public static final List<Class<?>> TYPES = List.of(String.class, Integer.class, Long.class, BigDecimal.class,
            Boolean.class, LocalDate.class, Instant.class, List.class, Map.class);

    public ArgSpec {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("arg name '" + name + "' must be letters, digits and underscores");
        }
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("arg '" + name + "' has type " + (type == null ? "null" : type.getSimpleName())
                    + "; use one of " + String.join(", ", TYPES.stream().map(Class::getSimpleName).toList()));
        }
    }
}
