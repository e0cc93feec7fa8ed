package io.migrun.internal.apply;

import io.migrun.MigrationFailedException;
import io.migrun.config.Durations;
import io.migrun.dsl.ScriptHelpers;
import io.migrun.dsl.ScriptLog;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.load.SqlSections;
import io.migrun.internal.session.Failures;
import io.migrun.internal.session.SqlStatementFailure;
import io.migrun.internal.sql.SqlCommands;
import io.migrun.internal.sql.SqlScriptException;
import io.migrun.internal.sql.SqlSplitter;
import io.migrun.internal.sql.SqlStatement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prepares a {@code .sql} migration: splits its up and down parts into statements and, for a transactional file,
 * refuses before anything runs the statements that cannot run inside migrun's transaction. The
 * prepared work runs the statements in order on the connection it is given, the data of each
 * {@code COPY … FROM stdin} through pgjdbc's {@link CopyManager}.
 */
public final class SqlMigration {

    /** A {@code .sql} file opts out of the transaction with this comment line. */
    /** A {@code .sql} file sets its statements' lock timeout with this comment line, e.g. {@code -- migrun: lock-timeout 5s}. */
    private static final Pattern LOCK_TIMEOUT = Pattern.compile("(?m)^[ \\t]*--[ \\t]*migrun:[ \\t]*lock-timeout\\b[ \\t]*(.*?)[ \\t]*$");

    private SqlMigration() {
    }

    /**
     * The up part runs on {@code up} and the down part, when the file has one ({@link SqlSections}),
     * on {@code down}; a file without statements after its marker has no down, as one without a marker.
     *
     * @param log where the server's notices and warnings go, tagged with the script
     */
    static PreparedMigration prepare(ResolvedScript script, ScriptLog log) {
        SqlSections sections = SqlSections.of(script);
        List<SqlStatement> up = split(script, sections.up());
        List<SqlStatement> down = sections.hasDown() ? split(script, sections.down()) : List.of();
        boolean transactional = !SqlSections.withoutTransaction(script.text());
        if (transactional) {
            List<SqlStatement> all = new ArrayList<>(up);
            all.addAll(down);
            refuseWhatCannotRunInTransaction(script, all);
        }
        return new PreparedMigration(script, script.description(), transactional, work(up, log), down.isEmpty() ? null : work(down, log))
                .withLockTimeout(lockTimeout(script));
    }

    /** The duration of the file's {@code -- migrun: lock-timeout} line, or null without one. */
    static Duration lockTimeout(ResolvedScript script) {
        Matcher m = LOCK_TIMEOUT.matcher(script.text());
        if (!m.find()) {
            return null;
        }
        int line = (int) script.text().substring(0, m.start()).chars().filter(ch -> ch == '\n').count() + 1;
        try {
            Duration d = Durations.parse(m.group(1));
            if (m.find()) {
                throw new IllegalArgumentException("a second -- migrun: lock-timeout line is there as well; keep one");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw failure(script, script.name() + ":" + line + ": " + e.getMessage()
                    + ". Write the line as -- migrun: lock-timeout 5s (0 turns the lock guard off for this file).");
        }
    }

    private static List<SqlStatement> split(ResolvedScript script, String text) {
        try {
            return SqlSplitter.split(text);
        } catch (SqlScriptException e) {
            throw failure(script, script.name() + ":" + e.line() + ": " + e.getMessage());
        }
    }

    private static PreparedMigration.Work work(List<SqlStatement> statements, ScriptLog log) {
        return (connection, batches, helpers, args) -> {
            // No transaction mark: the file's transaction control was refused above, and nothing else in SQL ends the transaction.
            run(connection.get(), statements, log, helpers);
            return null;
        };
    }

    private static void run(Connection connection, List<SqlStatement> statements, ScriptLog log, ScriptHelpers helpers)
            throws SqlStatementFailure, SQLException {
        try (Statement s = connection.createStatement()) {
            for (SqlStatement statement : statements) {
                try {
                    // In a transactional file the guard retries the whole file; here only a statement without a transaction is retried alone.
                    helpers.retryingLocks(statement.sql(), () -> statement.copyIn() ? copy(connection, statement) : s.execute(statement.sql()));
                } catch (SQLException e) {
                    throw new SqlStatementFailure(statement, e);
                } finally {
                    tell(s, log);
                }
            }
        }
    }

    private static void tell(Statement s, ScriptLog log) {
        ScriptLog.drain(s, log::server);
    }

    private static boolean copy(Connection connection, SqlStatement statement) throws SQLException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try {
            copy.copyIn(statement.sql(), new StringReader(statement.copyData()));
            return false;
        } catch (IOException e) {
            throw new SQLException("Cannot send the COPY data: " + e.getMessage(), e);
        }
    }

    private static void refuseWhatCannotRunInTransaction(ResolvedScript script, List<SqlStatement> statements) {
        List<String> offenders = new ArrayList<>();
        boolean control = false;
        for (SqlStatement s : statements) {
            String where = "  " + script.name() + ":" + s.line() + ": " + Failures.truncate(s.sql());
            if (SqlCommands.transactionControl(s)) {
                control = true;
                offenders.add(where + " is transaction control; migrun already runs the file in a transaction of its own");
            } else if (SqlCommands.refusedInTransaction(s)) {
                offenders.add(where + " cannot run inside a transaction block");
            }
        }
        if (offenders.isEmpty()) {
            return;
        }
        String without = "un the file without migrun's transaction by adding this line to it (its statements then commit one by one, "
                + "or as your own BEGIN … COMMIT groups them, and a failure leaves the statements before it applied):";
        throw failure(script, script.name() + " runs in one transaction that migrun commits together with its log row, "
                + "but it has statements that cannot run inside it:\n" + String.join("\n", offenders) + "\n"
                + (control ? "Remove the transaction control and let migrun commit the file as a whole, or r" : "R") + without
                + "\n  -- migrun: transaction false");
    }

    private static MigrationFailedException failure(ResolvedScript script, String message) {
        return new MigrationFailedException(script.version() == null ? null : script.version().toString(), script.name(), message, null);
    }
}
