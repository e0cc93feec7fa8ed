package io.migrun.cli;

import io.migrun.ValidateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrun validate}: checks the folder against the log. */
@Command(name = "validate", description = "Check names, checksums, missing files and order against the log; runs nothing.",
        footer = {"", "Examples:",
                "  migrun validate                check the folder against the log; runs nothing",
                "  migrun validate --out-of-order accept pending versions below the newest",
                "  migrun validate --env prod     against migrun.yml's prod environment"})
final class ValidateCommand extends MigrunCommand.ConfiguredCommand {

    @Option(names = "--out-of-order", description = "Accept pending versions older than the newest applied one.")
    boolean outOfOrder;

    @Override
    public Integer call() {
        return withMigrun(b -> b.outOfOrder(outOfOrder), migrun -> {
            ValidateResult r = migrun.validate();
            context().out().println("Validated " + r.scripts() + " migration" + (r.scripts() == 1 ? "" : "s") + ": "
                    + r.applied() + " applied with matching checksums, " + r.pending() + " pending.");
            return ExitCodes.OK;
        });
    }
}
