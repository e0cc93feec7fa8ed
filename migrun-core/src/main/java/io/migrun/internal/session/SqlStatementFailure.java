package io.migrun.internal.session;

import io.migrun.internal.sql.SqlStatement;

import java.sql.SQLException;

/** A statement of a {@code .sql} migration failed; carries the statement so the message can name its line. */
public final class SqlStatementFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final SqlStatement statement;

    public SqlStatementFailure(SqlStatement statement, SQLException cause) {
        super(cause.getMessage(), cause);
        this.statement = statement;
    }

    public SqlStatement statement() {
        return statement;
    }
}
