package io.migrun.dsl;

import io.migrun.internal.sql.SqlCommands;
import io.migrun.internal.sql.SqlScriptException;
import io.migrun.internal.sql.SqlSplitter;
import io.migrun.internal.sql.SqlStatement;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises statements that end or start a transaction (BEGIN, START TRANSACTION, COMMIT, END,
 * ROLLBACK, ABORT, PREPARE TRANSACTION, COMMIT/ROLLBACK PREPARED). Savepoints (SAVEPOINT, RELEASE,
 * ROLLBACK TO) stay inside the transaction and are not reported.
 */
final class TransactionControl {

    /** A quick look before splitting: text without any of these words holds no transaction control. */
    private static final Pattern ANY = Pattern.compile("(?i)\\b(begin|start|commit|end|rollback|abort|prepare)\\b");

    private TransactionControl() {
    }

    /** The leading words in upper case (e.g. {@code COMMIT}) of the first statement in {@code sql} that ends or starts a transaction. */
    static Optional<String> find(String sql) {
        if (!ANY.matcher(sql).find()) {
            return Optional.empty();
        }
        try {
            for (SqlStatement statement : SqlSplitter.split(sql)) {
                Optional<String> control = SqlCommands.findTransactionEnd(statement);
                if (control.isPresent()) {
                    return control;
                }
            }
        } catch (SqlScriptException unreadable) {
            // not for migrun to judge: the server reports what it makes of the text
        }
        return Optional.empty();
    }
}
