package io.migrun.dsl;

import io.migrun.load.SqlSplitter;
import io.migrun.load.SqlStatement;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises statements that end or start a transaction (BEGIN, START TRANSACTION, COMMIT, END,
 * ROLLBACK, ABORT, PREPARE TRANSACTION, COMMIT/ROLLBACK PREPARED). Savepoints (SAVEPOINT, RELEASE,
 * ROLLBACK TO) stay inside the transaction and are not reported.
 */
final class TransactionControl {

    private static final Pattern LEADING = Pattern.compile(
            "(?is)^\\s*(begin|start\\s+transaction|commit(\\s+prepared)?|end|rollback(\\s+prepared)?|abort|prepare\\s+transaction)\\b(\\s+to\\b)?");

    /** A quick look before splitting: text without any of these words holds no transaction control. */
    private static final Pattern ANY = Pattern.compile("(?i)\\b(begin|start|commit|end|rollback|abort|prepare)\\b");

    private TransactionControl() {
    }

    /** The transaction control statement's leading words in upper case (e.g. {@code COMMIT}), or null when {@code sql} has none. */
    static String find(String sql) {
        if (!ANY.matcher(sql).find()) {
            return null;
        }
        for (SqlStatement statement : SqlSplitter.split(sql)) {
            Matcher m = LEADING.matcher(statement.sql());
            if (m.find() && m.group(4) == null) {
                return m.group(1).replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }
}
