package io.migrun.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises, from a statement's leading words, the two kinds of statement a transactional
 * {@code .sql} migration must not run: transaction control, which would end or replace the
 * transaction migrun runs the file in, and the commands PostgreSQL refuses inside a transaction
 * block. Words inside strings, quoted identifiers, comments and dollar-quoted bodies do not count,
 * so {@code BEGIN} in a {@code DO} block or function body is not transaction control. Stateless
 * and thread-safe.
 */
public final class SqlCommands {

    /** Enough leading tokens for the longest pattern, {@code ALTER TABLE IF EXISTS ONLY s.t DETACH PARTITION p CONCURRENTLY}. */
    private static final int HEAD = 16;

    private SqlCommands() {
    }

    /** Whether the statement is BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT, RELEASE or PREPARE TRANSACTION, in any form. */
    public static boolean transactionControl(SqlStatement statement) {
        List<String> w = head(statement.sql());
        if (w.isEmpty()) {
            return false;
        }
        return switch (w.get(0)) {
            case "BEGIN", "COMMIT", "END", "ROLLBACK", "ABORT", "RELEASE" -> true;
            case "START", "PREPARE" -> word(w, 1).equals("TRANSACTION");
            default -> false;
        };
    }

    /**
     * The leading words (such as {@code COMMIT} or {@code START TRANSACTION}) of a statement that
     * ends or starts a transaction; empty for anything else, including the savepoint forms
     * {@code RELEASE} and {@code ROLLBACK TO}, which stay inside the transaction.
     */
    public static Optional<String> findTransactionEnd(SqlStatement statement) {
        if (!transactionControl(statement)) {
            return Optional.empty();
        }
        List<String> w = head(statement.sql());
        String first = w.get(0);
        boolean toSavepoint = (first.equals("ROLLBACK") || first.equals("ABORT"))
                && (word(w, 1).equals("TO") || List.of("WORK", "TRANSACTION").contains(word(w, 1)) && word(w, 2).equals("TO"));
        if (first.equals("RELEASE") || toSavepoint) {
            return Optional.empty();
        }
        boolean twoWords = first.equals("START") || first.equals("PREPARE") || word(w, 1).equals("PREPARED");
        return Optional.of(twoWords ? first + " " + word(w, 1) : first);
    }

    /** Whether PostgreSQL refuses the statement inside a transaction block (VACUUM, CREATE INDEX CONCURRENTLY, CREATE DATABASE, …). */
    public static boolean refusedInTransaction(SqlStatement statement) {
        List<String> w = head(statement.sql());
        return switch (word(w, 0)) {
            case "VACUUM" -> true;
            case "CREATE" -> indexConcurrently(w) || word(w, 1).equals("DATABASE") || word(w, 1).equals("TABLESPACE");
            case "DROP" -> indexConcurrently(w) || word(w, 1).equals("DATABASE") || word(w, 1).equals("TABLESPACE");
            case "ALTER" -> word(w, 1).equals("SYSTEM")
                    || word(w, 1).equals("DATABASE") && word(w, 3).equals("SET") && word(w, 4).equals("TABLESPACE")
                    || word(w, 1).equals("TABLE") && w.contains("DETACH") && w.get(w.size() - 1).equals("CONCURRENTLY");
            case "REINDEX" -> reindexRefused(w);
            case "CLUSTER" -> w.stream().skip(1).allMatch(t -> t.equals("VERBOSE") || t.equals("(") || t.equals(")"));
            case "DISCARD" -> word(w, 1).equals("ALL");
            default -> false;
        };
    }

    private static boolean indexConcurrently(List<String> w) {
        int at = word(w, 1).equals("UNIQUE") ? 2 : 1;
        return word(w, at).equals("INDEX") && word(w, at + 1).equals("CONCURRENTLY");
    }

    /** {@code REINDEX [(options)] {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} [CONCURRENTLY] name}: the last two kinds always, the others concurrently. */
    private static boolean reindexRefused(List<String> w) {
        int at = 1;
        if (word(w, 1).equals("(")) {
            int close = w.indexOf(")");
            if (close < 0 || w.subList(2, close).contains("CONCURRENTLY")) {
                return true;
            }
            at = close + 1;
        }
        String kind = word(w, at);
        return kind.equals("DATABASE") || kind.equals("SYSTEM") || word(w, at + 1).equals("CONCURRENTLY");
    }

    /**
     * Every token of the statement that matters, as {@link #refusedInTransaction} reads its head:
     * words upper-cased, quoted names, strings and numbers as written, parentheses; for checks on a
     * statement's keywords that strings, comments and dollar-quoted bodies must not fool.
     */
    public static List<String> words(String sql) {
        return head(sql, Integer.MAX_VALUE);
    }

    private static String word(List<String> w, int i) {
        return i < w.size() ? w.get(i) : "";
    }

    /** The first tokens that matter: words upper-cased, quoted names and strings as written, parentheses; nothing else. */
    private static List<String> head(String sql) {
        return head(sql, HEAD);
    }

    private static List<String> head(String sql, int limit) {
        List<String> out = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(sql);
        while (out.size() < limit && lexer.next()) {
            switch (lexer.kind()) {
                case WORD -> out.add(lexer.token().toUpperCase(Locale.ROOT));
                case QUOTED, NUMBER -> out.add(lexer.token());
                case OTHER -> {
                    if (lexer.is('(') || lexer.is(')')) {
                        out.add(lexer.token());
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }
}
