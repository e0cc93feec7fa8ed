package io.migrun.cli;

import io.migrun.config.ProjectInit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.util.concurrent.Callable;

/** {@code migrun init}: makes the working directory a migrun project; needs no database. */
@Command(name = "init", description = {"Set up a project: migrations/, a commented migrun.yml, .gitignore.",
        "Creates the migrations folder, a migrun.yml with every setting commented out and, inside a git working tree, "
                + "a line for .migrun/ (the embedded PostgreSQL's data) in the .gitignore here. "
                + "What exists already is left as it is: running it again changes nothing."},
        footer = {"", "Examples:",
                "  migrun init                    migrations/, migrun.yml, .gitignore",
                "  migrun init db/migrations      another folder, named in migrun.yml"})
final class InitCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    MigrunCommand parent;

    @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The migrations folder to create (default: migrations).")
    String folder;

    @Override
    public Integer call() {
        ProjectInit.init(parent.context.workDir(), folder, parent.context.out()::println);
        return ExitCodes.OK;
    }
}
