package io.migrun.helper;

import io.migrun.internal.json.Json;
import org.postgresql.util.PGobject;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;

/** Turns Java and Groovy values into the text PostgreSQL reads back with a cast to the column's type. */
public final class PgText {

    private PgText() {
    }

    public static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof byte[] bytes) {
            return "\\x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof PGobject o) {
            return o.getValue();
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Object[]) {
            return Json.write(value);
        }
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        return value.toString();
    }
}
