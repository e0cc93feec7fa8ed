package io.migrun.internal.apply;

import io.migrun.LintResult.Finding;
import io.migrun.MigrationListener;
import io.migrun.MigrunException;
import io.migrun.ValidationException;
import io.migrun.config.LintMode;
import io.migrun.internal.lint.Linter;
import io.migrun.internal.load.ResolvedScript;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The lint {@code up} and {@code up --dry-run} run on the migrations they are about to run (never on
 * applied ones: they ran already), for the connected server's PostgreSQL version. With
 * {@link LintMode#WARN} each finding is a notice and the run goes on; with {@link LintMode#ERROR} a
 * finding stops the run before anything runs. Statements lint cannot read never stop it. Stateless.
 */
final class PendingLint {

    private PendingLint() {
    }

    /** @throws ValidationException with {@link LintMode#ERROR}, when a rule fires on one of {@code scripts} */
    static void check(List<ResolvedScript> scripts, LintMode mode, Connection connection, MigrationListener listener) {
        if (mode == LintMode.OFF || scripts.isEmpty()) {
            return;
        }
        Integer version = serverVersion(connection);
        List<Finding> findings = new ArrayList<>();
        for (ResolvedScript script : scripts) {
            try {
                findings.addAll(Linter.lint(List.of(script), version).findings());
            } catch (MigrunException e) {
                // A script up cannot read (a malformed section marker, ...): up refuses it in its own words when it reaches it.
            }
        }
        if (findings.isEmpty()) {
            return;
        }
        List<String> lines = findings.stream().map(PendingLint::line).toList();
        if (mode == LintMode.ERROR) {
            throw new ValidationException("lint is set to error, and the pending migrations have " + findings.size()
                    + " lint finding(s), statements that take heavy locks or rewrite tables; nothing was applied:\n  "
                    + String.join("\n  ", lines) + "\n"
                    + "Fix them (migrun lint shows why and the safe rewrite), silence one with a line -- migrun: lint-ignore <rule> <reason> above it, "
                    + "or set lint: warn (MIGRUN_LINT=warn) to run them anyway.");
        }
        lines.forEach(listener::onNotice);
    }

    private static String line(Finding f) {
        return f.file() + ":" + f.line() + ": " + f.rule().id() + " " + f.rule().title() + " (migrun lint shows why and the safe rewrite)";
    }

    /** The server's major version, for the rules that depend on it; null (the newest) when the driver cannot tell. */
    private static Integer serverVersion(Connection connection) {
        try {
            return connection.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            return null;
        }
    }
}
