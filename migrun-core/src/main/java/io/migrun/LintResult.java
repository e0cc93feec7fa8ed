package io.migrun;

import java.util.List;

/**
 * What {@code migrun lint} found in the migrations folder, read without a database. Immutable.
 *
 * @param migrations the scripts read (versioned and repeatable)
 * @param statements the statements found in them, checked or not
 * @param findings   the statements a rule fired on, in file and line order
 * @param notChecked the statements no rule could read (SQL the parser does not understand, Groovy
 *                   {@code sql} calls with text built at run time): reported, never passed silently
 * @param rules      every rule lint knows, fired or not, for reports that list them (SARIF)
 */
public record LintResult(int migrations, int statements, List<Finding> findings, List<NotChecked> notChecked, List<Rule> rules) {

    public LintResult {
        findings = List.copyOf(findings);
        notChecked = List.copyOf(notChecked);
        rules = List.copyOf(rules);
    }

    /** True when no rule fired; statements that were not checked do not count against it. */
    public boolean clean() {
        return findings.isEmpty();
    }

    /**
     * A rule lint checks.
     *
     * @param id    {@code MR001}, …: what {@code -- migrun: lint-ignore} names
     * @param title what the rule looks for
     * @param why   why it hurts a busy database
     * @param fix   the safe rewrite
     */
    public record Rule(String id, String title, String why, String fix) {
    }

    /**
     * One rule that fired on one statement.
     *
     * @param rule      the rule
     * @param file      the script's path relative to the migrations folder
     * @param line      the statement's first line in the file, counted from 1
     * @param statement the statement's first line of text
     */
    public record Finding(Rule rule, String file, int line, String statement) {
    }

    /**
     * A statement lint could not read, so no rule checked it.
     *
     * @param file      the script's path relative to the migrations folder
     * @param line      the statement's (or the {@code sql} call's) first line in the file
     * @param statement the statement's first line of text, or the Groovy call as written
     * @param reason    why it was not checked
     */
    public record NotChecked(String file, int line, String statement, String reason) {
    }
}
