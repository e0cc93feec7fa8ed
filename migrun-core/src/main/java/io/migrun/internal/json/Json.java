package io.migrun.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import groovy.lang.GString;
import org.postgresql.util.PGobject;

import java.sql.SQLException;

/**
 * The one Jackson mapper migrun uses for results, status output and scripts: ISO-8601 dates,
 * Groovy strings as text. Thread-safe.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule().addSerializer(GString.class, ToStringSerializer.instance))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses JSON text into Maps, Lists, strings, numbers (decimals as BigDecimal, exactly), booleans and nulls. */
    public static Object parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not valid JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The value as a parameter PostgreSQL takes as {@code jsonb}. */
    public static PGobject jsonb(Object value) {
        PGobject o = new PGobject();
        o.setType("jsonb");
        try {
            o.setValue(write(value));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return o;
    }

    /** A column value as scripts see it: json and jsonb parsed into Maps and Lists, anything else as it is. */
    public static Object fromColumn(Object value) {
        if (value instanceof PGobject o && ("jsonb".equals(o.getType()) || "json".equals(o.getType()))) {
            return parse(o.getValue());
        }
        return value;
    }

    /** The value as JSON text; null for null. Throws {@link IllegalArgumentException} naming the type it cannot write. */
    public static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write a " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
