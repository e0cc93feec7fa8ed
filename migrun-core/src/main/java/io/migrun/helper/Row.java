package io.migrun.helper;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A row of a keyset walk as scripts see it: a map from column name to value that follows
 * {@code groovy.sql.GroovyRowResult}'s rules. Column names keep the case the database gave them,
 * when iterated and when written back. A column is found by its exact name, else by its name
 * ignoring case ({@code row.createdat} finds {@code "createdAt"}), in constant time through the
 * names its page shares. Reading a column the row does not have, as a property, with {@code []} or
 * {@code get}, throws {@link MissingColumnException} naming it and the row's columns, where a plain
 * map would hand back null; {@link #containsKey} and {@link #getOrDefault} ask without failing.
 * {@code put} and {@code remove} find names the same way; a new name is added as given. Not
 * thread-safe.
 */
public final class Row extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    private final Names names;
    /** True once a script added a name the page does not know: lookups ignoring case then look at every name. */
    private boolean added;

    Row(Names names) {
        super(names.capacity);
        this.names = names;
    }

    /** Builds the row: no lookup, no check. (Not {@code set}: Groovy would take that for the setter of every property.) */
    void fill(String column, Object value) {
        super.put(column, value);
    }

    @Override
    public Object get(Object key) {
        Object value = super.get(key);
        if (value != null) {
            return value;
        }
        String name = name(key);
        if (name == null) {
            throw MissingColumnException.of(key, keySet());
        }
        return super.get(name);
    }

    @Override
    public Object getOrDefault(Object key, Object otherwise) {
        String name = name(key);
        return name == null ? otherwise : super.get(name);
    }

    @Override
    public boolean containsKey(Object key) {
        return name(key) != null;
    }

    @Override
    public Object put(String key, Object value) {
        String name = name(key);
        if (name == null) {
            added = true;
            return super.put(key, value);
        }
        return super.put(name, value);
    }

    @Override
    public void putAll(Map<? extends String, ?> m) {
        m.forEach(this::put);
    }

    @Override
    public Object remove(Object key) {
        String name = name(key);
        return name == null ? null : super.remove(name);
    }

    /** The name the row keeps {@code key} under: itself, or the one name equal to it ignoring case; null when none. */
    private String name(Object key) {
        if (super.containsKey(key)) {
            return (String) key;
        }
        if (!(key instanceof String wanted)) {
            return null;
        }
        String lower = wanted.toLowerCase(Locale.ROOT);
        String name = names.ignoringCase.get(lower);
        if (name == null && names.ambiguous.contains(lower)) {
            throw new MissingColumnException("row has no column '" + wanted + "' and several that differ from it only in case; its columns are: "
                    + String.join(", ", keySet()) + ". Name one exactly", wanted);
        }
        if (name != null && super.containsKey(name)) {
            return name;
        }
        if (added) {
            for (String k : keySet()) {
                if (k.equalsIgnoreCase(wanted)) {
                    return k;
                }
            }
        }
        return null;
    }

    /** The column names of one page's rows, shared by its rows: by lower-case name, for lookups ignoring case. */
    static final class Names {
        private final Map<String, String> ignoringCase = new HashMap<>();
        /** Lower-case names that more than one column has. */
        private final Set<String> ambiguous = new HashSet<>();
        private final int capacity;

        Names(String[] columns) {
            for (String c : columns) {
                String lower = c.toLowerCase(Locale.ROOT);
                String before = ignoringCase.putIfAbsent(lower, c);
                if (before != null && !before.equals(c)) {
                    ambiguous.add(lower);
                }
            }
            ambiguous.forEach(ignoringCase::remove);
            this.capacity = Math.max(4, columns.length * 2);
        }
    }
}
