package io.migrun.helper;

import io.migrun.internal.json.Json;

/**
 * What scripts reach as {@code json}: {@code json.parse(text)}, {@code json.write(value)}, and
 * {@code json(value)}, a parameter that binds as {@code jsonb}. Backed by the shared mapper of
 * {@link Json}. Thread-safe.
 */
public final class JsonHelper {

    public Object parse(String text) {
        return Json.parse(text);
    }

    public String write(Object value) {
        return Json.write(value);
    }

    /** {@code json(value)}: the value as a {@code jsonb} parameter. */
    public Object call(Object value) {
        return Json.jsonb(value);
    }
}
