package io.migrun.cli;

import io.migrun.MigrationInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.util.List;

/** {@code migrun repair}: resolves a failed run. */
@Command(name = "repair", description = "Resolve a failed migration: make it pending again, or record it as applied with --mark-applied.")
final class RepairCommand extends MigrunCommand.ConfiguredCommand {

    @Parameters(paramLabel = "VERSION", description = "The version of the failed migration.")
    String version;

    @Option(names = "--mark-applied", description = "Record it as applied without running it (you completed it by hand).")
    boolean markApplied;

    @CommandLine.Mixin
    YesOption confirm;

    @Override
    public Integer call() {
        return withMigrun(migrun -> {
            Protection.confirm(context(), migrun.config(), confirm.yes, () -> List.of((markApplied ? "record V" + version + " as applied" : "make V" + version + " pending again")));
            MigrationInfo info = migrun.repair(version("version", version), markApplied);
            context().out().println(markApplied
                    ? "V" + info.version() + " is recorded as applied."
                    : "V" + info.version() + " is pending again; the next migrun up runs it.");
            return ExitCodes.OK;
        });
    }
}
