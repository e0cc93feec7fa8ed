package io.migrun.cli;

import io.migrun.config.ProjectFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code migrun new}: writes a migration file with the next version. */
@Command(name = "new", description = "Create a migration with the next free version from a template and print its path.",
        footer = {"", "Examples:",
                "  migrun new \"add users email index\"",
                "  migrun new --sql \"create orders\""})
final class NewCommand extends MigrunCommand.ConfiguredCommand {

    @Parameters(paramLabel = "DESCRIPTION", description = "What the migration does, e.g. \"add users email index\".")
    String description;

    @Option(names = "--sql", description = "Write a .sql migration instead of a .groovy one.")
    boolean sql;

    /** A new migration creates its folder: no project needed. */
    @Override
    ProjectFolder.Needs needs() {
        return ProjectFolder.Needs.NOTHING;
    }

    @Override
    public Integer call() {
        return withMigrun(migrun -> {
            Path file = migrun.newMigration(description, sql);
            Path work = context().workDir().toAbsolutePath();
            Path abs = file.toAbsolutePath();
            context().out().println(abs.startsWith(work) ? work.relativize(abs) : abs);
            return ExitCodes.OK;
        });
    }
}
