package io.migrun.internal.lint;

import io.migrun.LintResult;
import io.migrun.LintResult.Finding;
import io.migrun.LintResult.NotChecked;
import io.migrun.LintResult.Rule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects what the rules say about one folder, and reads the {@code lint-ignore} lines above each
 * statement: {@code -- migrun: lint-ignore MR001 reason} in SQL, {@code // migrun: lint-ignore MR001 reason}
 * in Groovy, one rule per line, on the lines right above the statement (or the {@code sql} call). Not thread-safe.
 */
final class Report {

    private static final Pattern IGNORE = Pattern.compile("^\\s*(--|//)\\s*migrun:\\s*lint-ignore\\b\\s*(\\S*)\\s*(.*?)\\s*$");

    private final List<Finding> findings = new ArrayList<>();
    private final List<NotChecked> notChecked = new ArrayList<>();
    private final Set<String> badIgnores = new HashSet<>();
    private int statements;

    /**
     * Checks one statement and records what fires on it, but for the rules silenced above it.
     *
     * @param lines     the file's lines
     * @param file      the file's name in reports
     * @param line      the statement's first line
     * @param above     the line the lint-ignore lines stand above (the statement's, or its Groovy call's)
     */
    void check(String[] lines, String file, int line, int above, String sql, StatementCheck.Context context) {
        statements++;
        Set<String> ignored = ignores(lines, file, above);
        Optional<List<Rule>> fired = StatementCheck.check(sql, context);
        if (fired.isEmpty()) {
            notChecked(file, line, firstLine(sql), "the SQL parser cannot read this statement, so no rule checked it");
            return;
        }
        fired.get().stream().filter(r -> !ignored.contains(r.id())).forEach(r -> findings.add(new Finding(r, file, line, firstLine(sql))));
    }

    void notChecked(String file, int line, String statement, String reason) {
        notChecked.add(new NotChecked(file, line, statement, reason));
    }

    void countStatement() {
        statements++;
    }

    /** The rule ids silenced above {@code line}; a lint-ignore line without a known rule and a reason is a finding and silences nothing. */
    private Set<String> ignores(String[] lines, String file, int line) {
        Set<String> out = new HashSet<>();
        for (int i = line - 2; i >= 0; i--) {
            Matcher m = IGNORE.matcher(lines[i]);
            if (!m.matches()) {
                break;
            }
            Optional<Rule> rule = Rules.find(m.group(2));
            if (rule.isPresent() && !m.group(3).isEmpty()) {
                out.add(rule.get().id());
            } else if (badIgnores.add(file + ":" + (i + 1))) {
                findings.add(new Finding(Rules.IGNORE_WITHOUT_REASON, file, i + 1, lines[i].strip()));
            }
        }
        return out;
    }

    static String firstLine(String sql) {
        String first = sql.strip().lines().findFirst().orElse("").strip();
        return first.length() > 120 ? first.substring(0, 117) + "..." : first;
    }

    LintResult result(int migrations, List<String> fileOrder) {
        Comparator<String> byFile = Comparator.comparingInt(fileOrder::indexOf);
        findings.sort(Comparator.comparing(Finding::file, byFile).thenComparingInt(Finding::line));
        notChecked.sort(Comparator.comparing(NotChecked::file, byFile).thenComparingInt(NotChecked::line));
        return new LintResult(migrations, statements, findings, notChecked, Rules.ALL);
    }
}
