package io.migrun.internal.lint;

import io.migrun.LintResult.Rule;
import io.migrun.internal.sql.SqlCommands;
import io.migrun.internal.sql.SqlStatement;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.NamedConstraint;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.update.Update;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules that fire on one statement. Statements JSqlParser 5.3 does not read although they are
 * the safe forms or plain PostgreSQL ({@code CREATE/DROP INDEX CONCURRENTLY}, {@code VACUUM},
 * {@code CLUSTER}, {@code LOCK}, {@code CREATE TABLE … PARTITION BY}) are recognised by their words,
 * read with migrun's own lexer as the transaction refusal reads them; {@code NOT VALID} at the end is
 * taken off before parsing, as JSqlParser does not know it. Everything else must parse, or it is not checked.
 */
final class StatementCheck {

    /**
     * What a rule needs to know beyond the statement.
     *
     * @param transactional whether the migration runs in one transaction
     * @param cleanup       whether the statement runs in a cleanup phase (a Groovy {@code cleanup} block)
     * @param pgVersion     the PostgreSQL major version the migrations are for
     * @param created       the tables created earlier in the same migration, as {@link #name} writes them; added to
     */
    record Context(boolean transactional, boolean cleanup, int pgVersion, Set<String> created) {
    }

    private static final Pattern NOT_VALID = Pattern.compile("(?is)\\s+NOT\\s+VALID\\s*$");
    private static final Pattern SET_NOT_NULL = Pattern.compile("(?i)\\sSET\\s+NOT\\s+NULL\\b");
    private static final Pattern TYPE = Pattern.compile("(?i)\\s(SET\\s+DATA\\s+)?TYPE\\s");
    private static final Pattern VOLATILE = Pattern.compile("(?i)\\bDEFAULT\\s.*\\b(random|gen_random_uuid|clock_timestamp|timeofday"
            + "|uuid_generate_v1|uuid_generate_v1mc|uuid_generate_v4|uuidv4|uuidv7|nextval)\\s*\\(");
    private static final Pattern SERIAL = Pattern.compile("(?i)^\\S+\\s+(small|big)?serial[248]?\\b");
    private static final Pattern ANY_DEFAULT = Pattern.compile("(?i)\\bDEFAULT\\s+(?!NULL\\b)");

    private StatementCheck() {
    }

    /** The rules that fire on {@code sql}; empty when no rule can read it (not checked). */
    static Optional<List<Rule>> check(String sql, Context context) {
        List<Rule> out = new ArrayList<>();
        if (context.transactional() && SqlCommands.refusedInTransaction(new SqlStatement(1, sql))) {
            out.add(Rules.IN_TRANSACTION);
        }
        List<String> w = SqlCommands.words(sql);
        if (byWords(w, context, out)) {
            return Optional.of(out);
        }
        boolean notValid = NOT_VALID.matcher(sql).find();
        Statement parsed;
        try {
            parsed = CCJSqlParserUtil.parse(NOT_VALID.matcher(sql).replaceFirst(""));
        } catch (JSQLParserException | RuntimeException e) {
            return Optional.empty();
        }
        if (parsed instanceof UnsupportedStatement) {
            // JSqlParser's name for text it skipped without reading it
            return Optional.empty();
        }
        if (parsed instanceof Alter alter && alter.getAlterExpressions() != null) {
            // a table created earlier in the same migration is empty and unused: nothing it does to it can block anyone
            if (!context.created().contains(alter.getTable().getFullyQualifiedName().toLowerCase(Locale.ROOT))) {
                alter.getAlterExpressions().forEach(e -> alter(e, notValid, context, out));
            }
        } else if (parsed instanceof Update u && u.getWhere() == null && context.transactional()
                || parsed instanceof Delete d && d.getWhere() == null && context.transactional()) {
            out.add(Rules.WHOLE_TABLE);
        }
        return Optional.of(out);
    }

    /** The statements decided by their words alone; false for those left to the parser. */
    private static boolean byWords(List<String> w, Context context, List<Rule> out) {
        switch (word(w, 0)) {
            case "CREATE" -> {
                int at = word(w, 1).equals("UNIQUE") ? 2 : 1;
                if (word(w, at).equals("INDEX")) {
                    int on = w.indexOf("ON");
                    boolean concurrently = word(w, at + 1).equals("CONCURRENTLY");
                    if (!concurrently && on > 0 && !context.created().contains(name(w, word(w, on + 1).equals("ONLY") ? on + 2 : on + 1))) {
                        out.add(Rules.CREATE_INDEX);
                    }
                    return true;
                }
                int table = w.indexOf("TABLE");
                if (table > 0 && table <= 3 && !w.subList(1, table).contains("(")) {
                    int from = word(w, table + 1).equals("IF") ? table + 4 : table + 1;
                    context.created().add(name(w, from));
                    return true;
                }
                return false;
            }
            case "DROP" -> {
                if (word(w, 1).equals("INDEX") && !word(w, 2).equals("CONCURRENTLY")) {
                    out.add(Rules.DROP_INDEX);
                } else if (word(w, 1).equals("TABLE") && !context.cleanup()) {
                    out.add(Rules.DROP);
                }
                return word(w, 1).equals("INDEX") || word(w, 1).equals("TABLE");
            }
            case "ALTER" -> {
                return alterByWords(w, context, out);
            }
            case "VACUUM" -> add(out, w.contains("FULL") ? Rules.VACUUM_FULL : null);
            case "CLUSTER" -> add(out, Rules.CLUSTER);
            case "LOCK" -> add(out, Rules.LOCK);
            case "TRUNCATE" -> add(out, Rules.TRUNCATE);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code ALTER TYPE … ADD VALUE} and {@code ADD CONSTRAINT … USING INDEX}, which JSqlParser does not read. */
    private static boolean alterByWords(List<String> w, Context context, List<Rule> out) {
        if (word(w, 1).equals("TYPE") && String.join(" ", w).contains(" ADD VALUE ")) {
            add(out, context.transactional() && context.pgVersion() < 12 ? Rules.ENUM_VALUE : null);
            return true;
        }
        return word(w, 1).equals("TABLE") && String.join(" ", w).contains(" USING INDEX ");
    }

    private static void add(List<Rule> out, Rule rule) {
        if (rule != null) {
            out.add(rule);
        }
    }

    private static void alter(AlterExpression e, boolean notValid, Context context, List<Rule> out) {
        String op = String.valueOf(e.getOperation());
        List<String> columns = e.getColDataTypeList() == null ? List.of() : e.getColDataTypeList().stream().map(String::valueOf).toList();
        switch (op) {
            case "ADD" -> {
                if ((e.getIndex() instanceof ForeignKeyIndex || e.getFkColumns() != null) && !notValid) {
                    out.add(Rules.FOREIGN_KEY);
                } else if (e.getIndex() instanceof CheckConstraint && !notValid) {
                    out.add(Rules.CHECK);
                } else if (e.getPkColumns() != null || e.getUkColumns() != null
                        || e.getIndex() instanceof NamedConstraint n && List.of("PRIMARY KEY", "UNIQUE").contains(String.valueOf(n.getType()).toUpperCase(Locale.ROOT))) {
                    out.add(Rules.UNIQUE);
                }
                for (String column : columns) {
                    if (VOLATILE.matcher(column).find() || SERIAL.matcher(column).find()) {
                        out.add(Rules.VOLATILE_DEFAULT);
                    } else if (context.pgVersion() < 11 && ANY_DEFAULT.matcher(column).find()) {
                        out.add(Rules.OLD_DEFAULT);
                    }
                }
            }
            case "ALTER" -> columns.forEach(c -> {
                if (SET_NOT_NULL.matcher(c).find()) {
                    out.add(Rules.SET_NOT_NULL);
                } else if (TYPE.matcher(c).find()) {
                    out.add(Rules.COLUMN_TYPE);
                }
            });
            case "DROP" -> add(out, e.getColumnName() != null && !context.cleanup() ? Rules.DROP : null);
            case "RENAME", "RENAME_TABLE" -> add(out, context.cleanup() ? null : Rules.RENAME);
            default -> {
            }
        }
    }

    /** A table's name as the statement's words write it from {@code from}: its parts joined by dots, up to a parenthesis or keyword. */
    static String name(List<String> w, int from) {
        List<String> parts = new ArrayList<>();
        for (int i = from; i < w.size() && !List.of("(", "USING", "AS", "PARTITION", "OF", "ON").contains(w.get(i)); i++) {
            parts.add(w.get(i).toLowerCase(Locale.ROOT));
        }
        return String.join(".", parts);
    }

    private static String word(List<String> w, int i) {
        return i < w.size() ? w.get(i) : "";
    }
}
