package io.migrun.cli;

import io.migrun.LintResult;
import io.migrun.config.ProjectFolder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** {@code migrun lint}: checks the migrations for heavy locks and table rewrites; needs no database. */
@Command(name = "lint", description = {"Check the migrations for statements that lock or rewrite busy tables; needs no database.",
        "Reads the SQL files and the literal SQL of the Groovy migrations' sql.execute/executeUpdate/executeInsert calls, "
                + "and reports each rule that fires with its file:line, why it hurts and the safe rewrite. "
                + "A line -- migrun: lint-ignore MR001 <reason> (in Groovy // migrun: lint-ignore MR001 <reason>) right above a statement "
                + "silences that rule there. Statements lint cannot read are listed as not checked. Exits 6 when a rule fires."},
        footer = {"", "Examples:",
                "  migrun lint                    check migrations/ for locking statements",
                "  migrun lint --sarif            SARIF 2.1.0 on stdout, for code scanning",
                "  migrun lint --pg-version 10    with the rules of PostgreSQL 10"})
final class LintCommand extends MigrunCommand.JsonCommand {

    @Option(names = "--sarif", description = "Print a SARIF 2.1.0 document on stdout, for code scanning, instead of text.")
    boolean sarif;

    @Option(names = "--pg-version", paramLabel = "N", description = "The PostgreSQL major version the migrations run on (default: the newest, 18).")
    Integer pgVersion;

    @Spec
    CommandSpec spec;

    @Override
    boolean json() {
        return json || sarif;
    }

    /** Lint reads files only: without a project it says the folder is missing, as up would. */
    @Override
    ProjectFolder.Needs needs() {
        return ProjectFolder.Needs.MIGRATIONS;
    }

    @Override
    public Integer call() {
        if (pgVersion != null && (pgVersion < 9 || pgVersion > 99)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--pg-version takes a PostgreSQL major version such as 16; found " + pgVersion + ".");
        }
        return withMigrun(migrun -> {
            LintResult result = migrun.lint(pgVersion);
            if (sarif) {
                JsonOutput.print(context(), LintReport.sarif(result, folder(migrun.config().migrations())));
            } else if (json) {
                JsonOutput.print(context(), result);
            } else {
                LintReport.text(result, context().out());
            }
            return result.clean() ? ExitCodes.OK : ExitCodes.LINT;
        });
    }

    /** The folder as SARIF's file paths start, relative to the working directory where it lies below it, as code scanning resolves them. */
    private String folder(Path migrations) {
        Path work = context().workDir().toAbsolutePath().normalize();
        Path abs = migrations.toAbsolutePath().normalize();
        String shown = (abs.startsWith(work) ? work.relativize(abs) : abs).toString().replace('\\', '/');
        return shown.isEmpty() ? "" : shown + "/";
    }
}
