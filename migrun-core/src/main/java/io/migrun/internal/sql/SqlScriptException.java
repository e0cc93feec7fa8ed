package io.migrun.internal.sql;

/**
 * A {@code .sql} file holds something migrun does not run as SQL (a psql meta-command, COPY data
 * without its end). The message says what and how to fix it; the caller adds the file's name.
 */
public final class SqlScriptException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;

    SqlScriptException(int line, String message) {
        super(message);
        this.line = line;
    }

    /** The 1-based line of the offending text. */
    public int line() {
        return line;
    }
}
