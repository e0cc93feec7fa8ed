package io.migrun.cli;

import io.migrun.MigrationInfo;
import io.migrun.RepairAction;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.util.List;

/** {@code migrun repair}: resolves a failed run, or accepts an applied script's deliberate edit or deletion. */
@Command(name = "repair", description = "Resolve a failed migration (make it pending again, or record it as applied with --mark-applied), "
        + "or accept a deliberate edit (--accept-checksum) or deletion (--forget-missing) of an applied one.",
        footer = {"", "Examples:",
                "  migrun repair 4                     run failed V4 again at the next migrun up",
                "  migrun repair 4 --mark-applied      record V4 as applied: finished by hand",
                "  migrun repair --accept-checksum 2   accept the edit of applied V2's script",
                "  migrun repair --forget-missing 3    applied V3's file was deleted on purpose"})
final class RepairCommand extends MigrunCommand.ConfiguredCommand {

    @Parameters(paramLabel = "VERSION", description = "The version to repair.")
    String version;

    @ArgGroup(exclusive = true)
    Action action;

    /** At most one of the actions besides the default (make a failed run pending again). */
    static final class Action {
        @Option(names = "--mark-applied", description = "Record a failed migration as applied without running it (you completed it by hand).")
        boolean markApplied;

        @Option(names = "--accept-checksum", description = "Record an applied migration's edited script as it is now: its new checksum "
                + "(the old one beside it) goes into the log, and validate, up and status no longer report it changed.")
        boolean acceptChecksum;

        @Option(names = "--forget-missing", description = "Record that an applied migration's file was deleted on purpose: status shows it "
                + "as deleted, and validate and up no longer report it missing.")
        boolean forgetMissing;

        RepairAction chosen() {
            return markApplied ? RepairAction.MARK_APPLIED : acceptChecksum ? RepairAction.ACCEPT_CHECKSUM
                    : forgetMissing ? RepairAction.FORGET_MISSING : RepairAction.RETRY;
        }
    }

    @CommandLine.Mixin
    YesOption confirm;

    @Override
    public Integer call() {
        RepairAction chosen = action == null ? RepairAction.RETRY : action.chosen();
        return withMigrun(migrun -> {
            Protection.confirm(context(), migrun.config(), confirm.yes, () -> List.of(intent(chosen)));
            MigrationInfo info = migrun.repair(version("version", version), chosen);
            context().out().println(done(chosen, info));
            return ExitCodes.OK;
        });
    }

    private String intent(RepairAction chosen) {
        return switch (chosen) {
            case RETRY -> "make V" + version + " pending again";
            case MARK_APPLIED -> "record V" + version + " as applied";
            case ACCEPT_CHECKSUM -> "accept the edited script of V" + version;
            case FORGET_MISSING -> "record the file of V" + version + " as deleted";
        };
    }

    private static String done(RepairAction chosen, MigrationInfo info) {
        String which = "V" + info.version() + " (" + info.script() + ")";
        return switch (chosen) {
            case RETRY -> "V" + info.version() + " is pending again; the next migrun up runs it.";
            case MARK_APPLIED -> "V" + info.version() + " is recorded as applied.";
            case ACCEPT_CHECKSUM -> "Accepted the edit of " + which + ": the log holds its new checksum beside the old one (migrun history --script V"
                    + info.version() + "), and validate, up and status no longer report it changed.";
            case FORGET_MISSING -> "Recorded " + which + " as deleted: validate and up no longer look for its file, and status shows it as deleted.";
        };
    }
}
