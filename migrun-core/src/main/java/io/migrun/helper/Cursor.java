package io.migrun.helper;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.migrun.internal.json.Json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A position in a keyset walk: the key columns, their PostgreSQL types and the last key's values
 * as PostgreSQL prints them, so that binding them back with a cast is exact for any orderable
 * type (integers, text, uuid, numeric, timestamps, dates). Immutable; stored as JSON in checkpoints.
 *
 * @param columns key column names
 * @param types   their PostgreSQL type names, e.g. {@code int8}, {@code timestamptz}
 * @param values  the last processed key, as text
 */
public record Cursor(List<String> columns, List<String> types, List<String> values) {

    public Cursor {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** How the key reads in messages: {@code id=42} or {@code (tenant, id)=(7, 42)}. */
    public String describe() {
        if (columns.size() == 1) {
            return columns.get(0) + "=" + values.get(0);
        }
        return "(" + String.join(", ", columns) + ")=(" + String.join(", ", values) + ")";
    }

    /** Reads a cursor stored by a checkpoint; throws {@link IllegalArgumentException} when the text is not one. */
    public static Cursor parse(String json) {
        try {
            return Json.mapper().readValue(json, Cursor.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stored cursor: " + e.getOriginalMessage(), e);
        }
    }

    public Cursor withValues(List<String> next) {
        return new Cursor(columns, types, next);
    }
}
