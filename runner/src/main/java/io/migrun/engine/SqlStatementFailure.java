package io.migrun.engine;

import io.migrun.load.SqlStatement;

import java.sql.SQLException;

/** A statement of a {@code .sql} migration failed; carries the statement so the message can name its line. */
final class SqlStatementFailure extends Exception {

    private final SqlStatement statement;

    SqlStatementFailure(SqlStatement statement, SQLException cause) {
        super(cause.getMessage(), cause);
        this.statement = statement;
    }

    SqlStatement statement() {
        return statement;
    }
}
