package io.migrun.cli;

import io.migrun.AppliedMigration;
import io.migrun.DownResult;
import io.migrun.DryRunResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code migrun down}: undoes applied migrations with their down blocks. */
@Command(name = "down", description = "Undo the last applied migration with its down block or the part of its SQL after -- migrun: down (or everything above --to, or the last --count N); the versions become pending again.",
        footer = {"", "Examples:",
                "  migrun down                    undo the last applied migration",
                "  migrun down --to 3 --dry-run   rehearse undoing everything above version 3"})
final class DownCommand extends MigrunCommand.ConfiguredCommand {

    @CommandLine.Mixin
    LockGuardOptions lockGuard;

    @Override
    LockGuardOptions lockGuard() {
        return lockGuard;
    }

    @Option(names = "--to", paramLabel = "VERSION", description = "Undo every applied migration above this version.")
    String to;

    @Option(names = "--count", paramLabel = "N", description = "Undo the last N applied migrations.")
    Integer count;

    @Option(names = "--dry-run", description = "Run the down blocks in one transaction that is rolled back, and show what they changed; records nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Also undo a migration whose cleanup already ran; its down block may then destroy data.")
    boolean force;

    @CommandLine.Mixin
    YesOption confirm;

    @Override
    public Integer call() {
        return withMigrun(migrun -> {
            if (dryRun) {
                DryRunResult r = migrun.downDryRun(version("--to", to), count, force);
                return DryRunReport.print(r, context().out(), "down blocks");
            }
            Protection.confirm(context(), migrun.config(), confirm.yes, () -> List.of("undo " + (to != null ? "every applied migration above V" + to
                        : count != null ? "the last " + count + " applied migration" + (count == 1 ? "" : "s") : "the last applied migration")));
            DownResult r = migrun.down(version("--to", to), count, force);
            for (AppliedMigration m : r.undone()) {
                context().out().println("Undid V" + m.version() + " " + m.description() + " (" + m.durationMs() + " ms)");
            }
            int n = r.undone().size();
            context().out().printf("Undid %d migration%s, now at %s (%.1f s)%n", n, n == 1 ? "" : "s",
                    r.currentVersion() == null ? "no version" : "version " + r.currentVersion(), r.durationMs() / 1000.0);
            return ExitCodes.OK;
        });
    }
}
