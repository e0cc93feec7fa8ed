package io.migrun.load;

/**
 * One statement of a {@code .sql} migration.
 *
 * @param line the 1-based line where the statement starts in its file
 * @param sql  the statement text without the closing semicolon
 */
public record SqlStatement(int line, String sql) {
}
