package io.migrun.helper;

import groovy.lang.MissingPropertyException;

import java.util.Collection;

/**
 * A script read a column its row does not have. A {@link MissingPropertyException}, as
 * {@code groovy.sql.GroovyRowResult} throws, so that Groovy's closures still fall back to their
 * owner (inside {@code row.with { sql… }}, {@code sql} is the script's).
 */
public final class MissingColumnException extends MissingPropertyException {

    private static final long serialVersionUID = 1L;

    MissingColumnException(String message, String column) {
        super(message, column, Row.class);
    }

    static MissingColumnException of(Object column, Collection<String> columns) {
        return new MissingColumnException("row has no column '" + column + "'; its columns are: " + String.join(", ", columns), String.valueOf(column));
    }
}
