package io.migrun.internal.sql;

/**
 * One statement of a {@code .sql} migration.
 *
 * @param line     the 1-based line where the statement starts in its file
 * @param sql      the statement text without the closing semicolon
 * @param copyData for {@code COPY … FROM stdin}, the data lines that followed it (each ending in a
 *                 newline, without the closing {@code \.}); null for any other statement
 */
public record SqlStatement(int line, String sql, String copyData) {

    /** A statement that carries no COPY data. */
    public SqlStatement(int line, String sql) {
        this(line, sql, null);
    }

    /** Whether this is a {@code COPY … FROM stdin} with its data. */
    public boolean copyIn() {
        return copyData != null;
    }
}
