package io.migrun.internal.lint;

import io.migrun.LintResult;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.load.ScriptScanner;
import io.migrun.internal.load.ScriptType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code migrun lint}: checks the versioned and repeatable migrations of a folder for statements
 * that take heavy locks or rewrite tables, offline (no database). The folder is read as {@code up}
 * reads it, so misnamed files and duplicate versions are refused the same way. Thread-safe.
 */
public final class Linter {

    /** The PostgreSQL major version the version rules assume when none is given: the newest. */
    public static final int NEWEST = 18;

    private Linter() {
    }

    /** Lints every migration in {@code folder} for PostgreSQL {@code pgVersion} ({@link #NEWEST} when null). */
    public static LintResult lint(Path folder, Integer pgVersion) {
        ScriptScanner scanner = new ScriptScanner(folder);
        List<ResolvedScript> scripts = new ArrayList<>(scanner.scan());
        scripts.addAll(scanner.repeatables());
        return lint(scripts, pgVersion);
    }

    /** Lints {@code scripts} (such as the migrations {@code up} is about to run) for PostgreSQL {@code pgVersion} ({@link #NEWEST} when null). */
    public static LintResult lint(List<ResolvedScript> scripts, Integer pgVersion) {
        int version = pgVersion == null ? NEWEST : pgVersion;
        Report report = new Report();
        for (ResolvedScript script : scripts) {
            if (script.type() == ScriptType.SQL) {
                SqlFileLint.lint(script, version, report);
            } else {
                GroovyLint.lint(script, version, report);
            }
        }
        return report.result(scripts.size(), scripts.stream().map(ResolvedScript::name).toList());
    }
}
