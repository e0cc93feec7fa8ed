package io.migrun.internal.lint;

import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.load.SqlSections;
import io.migrun.internal.sql.SqlScriptException;
import io.migrun.internal.sql.SqlSplitter;
import io.migrun.internal.sql.SqlStatement;

import java.util.HashSet;
import java.util.List;

/** Lints the up part of a {@code .sql} migration (the part before {@code -- migrun: down}): the part {@code up} runs. */
final class SqlFileLint {

    /** As {@code SqlMigration} reads it: a {@code .sql} file opts out of the transaction with this comment line. */

    private SqlFileLint() {
    }

    static void lint(ResolvedScript script, int pgVersion, Report report) {
        String text = script.text();
        String[] lines = text.split("\r?\n", -1);
        List<SqlStatement> statements;
        try {
            statements = SqlSplitter.split(SqlSections.of(script).up());
        } catch (SqlScriptException e) {
            report.notChecked(script.name(), e.line(), Report.firstLine(lines[Math.max(0, e.line() - 1)]),
                    "the file cannot be split into statements, so nothing in it was checked: " + e.getMessage());
            return;
        }
        StatementCheck.Context context = new StatementCheck.Context(!SqlSections.withoutTransaction(text), false, pgVersion, new HashSet<>());
        for (SqlStatement s : statements) {
            if (s.copyIn()) {
                report.countStatement();
            } else {
                report.check(lines, script.name(), s.line(), s.line(), s.sql(), context);
            }
        }
    }
}
