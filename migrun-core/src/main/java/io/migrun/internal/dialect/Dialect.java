package io.migrun.internal.dialect;

import java.util.List;

/**
 * The database-specific SQL migrun needs, and nothing else: no ordering, validation, transactions
 * or recording live here. Table names passed in are already validated identifiers.
 */
public interface Dialect {

    /** Statements that create the log table in its current layout, idempotently. */
    List<String> createLogTable(String schema, String table, int layout);

    /** Statements that create the checkpoint, row-error and operator-request tables beside the log, idempotently. */
    List<String> createProgressTables(String checkpoints, String errors, String control);

    /** One row, one column: the comment on the table named by the single parameter ({@code schema.table}), or no row when the table is absent. */
    String tableCommentSql();

    /** The text of the table comment that marks a log table of the given layout. */
    String layoutComment(int layout);

    /** The statement that marks the table {@code qualified} ({@code schema.table}) as a log table of the given layout. */
    String layoutCommentSql(String qualified, int layout);

    /** One text parameter (a table name, qualified or not); one row, one boolean column: whether the table exists. */
    String tableExistsSql();

    /** One row, one column: the current schema. */
    String currentSchemaSql();

    /** Creates the schema unless it exists. */
    String createSchemaSql(String schema);

    /** One row, one timestamp column: the database server's clock now. */
    String serverNowSql();

    /** Two int parameters; one boolean column: whether the session lock was taken. */
    String tryLockSql();

    /** Two int parameters; releases the session lock. */
    String unlockSql();

    /** Two int parameters; who holds the lock: pid, application_name, client, backend_start, state_change. */
    String lockHolderSql();

    /** One text parameter; names this session for other sessions to see. */
    String setApplicationNameSql();

    /** One row, one column: this session's backend id, for cancelling its statement from another session. */
    String backendIdSql();

    /** One int parameter (a backend id); cancels that session's running statement. */
    String cancelSql();

    /**
     * Two parameters, a text (a lock timeout such as {@code 200ms}, or {@code 0}) and a boolean (for the current
     * transaction only); one row, one text column: sets how long a statement waits for a lock.
     */
    String setLockTimeoutSql();

    /** One row, one text column: the session's lock timeout as it stands, to set again later. */
    String lockTimeoutSql();

    /**
     * One int parameter (a backend id); the sessions that block it, one row each: pid, application_name, state,
     * the age of their transaction in milliseconds (null outside one), their current or last query.
     */
    String blockersSql();

    /** One row, one boolean column: whether the current transaction has written anything yet. */
    String transactionWroteSql();

    /** One text parameter (a table name); one row, one bigint column, null when the table was never analysed: the planner's row count. */
    String estimatedRowsSql();

    /** A statement whose single row and column is the planner's plan of {@code select} as JSON, with its row estimate under {@code Plan Rows}. */
    String explainSql(String select);

    /** Rows: table (schema.name), rows inserted, updated and deleted by the current transaction so far. */
    String transactionTableStatsSql();

    /**
     * Statements that put a session back to the state a new connection has (settings, role,
     * session authorization, cursors, listeners, advisory locks, plans, temporary objects,
     * sequences' state, prepared statements), that may be sent together with others in one round
     * trip, in autocommit or inside a transaction (where what they undo comes back if it rolls back).
     */
    String resetSessionSql();

    /** Makes the session act as the user it connected as: for the current transaction only when {@code inTransaction}. */
    String connectingUserSql(boolean inTransaction);

    /** One row, one text column that differs between any two transactions of any sessions, for telling whether a transaction is still the one opened. */
    String transactionIdentitySql();

    /**
     * Run first in a new transaction: one row, one text column, the transaction's identity as
     * {@link #transactionIdentitySql()} gives it, also kept as a session setting that a rollback
     * of this transaction undoes (see {@link #openTransactionMarkSql()}).
     */
    String openTransactionSql();

    /** One row, one text column: the session setting {@link #openTransactionSql()} made, as it stands now (empty or null when undone). */
    String openTransactionMarkSql();

    /** Rows of (name, value): the settings this session made with SET, as opposed to those it connected with. */
    String sessionSettingsSql();

    /** Two text parameters (name, value): makes a session setting. */
    String setSessionSettingSql();

    /** The statement that makes one session setting, with its name and value written inline; null when they cannot be. */
    String setSessionSettingSql(String name, String value);

    /** The statement that sets again the session setting {@link #openTransactionSql()} made, to {@code mark}. */
    String remarkTransactionSql(String mark);

    /**
     * The other sessions of this database named {@code ?} (an application name): pid, state,
     * backend start, transaction start, query start, wait event, the start of the query, the
     * server's now, and whether it holds an advisory lock whose first key is {@code ?} (second parameter first).
     */
    String runnerSessionsSql();

    /** Ends the session {@code ?}; true when it was signalled. */
    String terminateSql();

    /** True while the session {@code ?} exists. */
    String sessionExistsSql();

    /** Rows of (oid, schema, name): the indexes not valid (a failed concurrent build leaves one) whose name matches the regular expression {@code ?}. */
    String invalidIndexesSql();

    /** Drops the index {@code name} of {@code schema}, if it is still there, without blocking writes to its table. */
    String dropIndexConcurrentlySql(String schema, String name);
}
