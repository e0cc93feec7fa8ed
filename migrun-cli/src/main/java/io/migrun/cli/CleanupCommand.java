package io.migrun.cli;

import io.migrun.AppliedMigration;
import io.migrun.CleanupResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code migrun cleanup}: runs the cleanup phases whose wait has passed. */
@Command(name = "cleanup", description = "Run the cleanup blocks whose cleanupAfter wait has passed (or the one of VERSION; --force runs it early).",
        footer = {"", "Examples:",
                "  migrun cleanup                 run the cleanups that are due; names the rest",
                "  migrun cleanup 5               only V5's cleanup, once its wait has passed",
                "  migrun cleanup 5 --force       run V5's cleanup before its wait has passed"})
final class CleanupCommand extends MigrunCommand.ConfiguredCommand {

    @CommandLine.Mixin
    LockGuardOptions lockGuard;

    @Override
    LockGuardOptions lockGuard() {
        return lockGuard;
    }

    @Parameters(paramLabel = "VERSION", arity = "0..1", description = "Run only this migration's cleanup.")
    String version;

    @Option(names = "--force", description = "With VERSION: run its cleanup before its wait has passed.")
    boolean force;

    @CommandLine.Mixin
    YesOption confirm;

    @Override
    public Integer call() {
        return withMigrun(migrun -> {
            Protection.confirm(context(), migrun.config(), confirm.yes, () -> Plans.cleanups(migrun, version, force));
            CleanupResult r = migrun.cleanup(version("version", version), force);
            for (AppliedMigration m : r.ran()) {
                context().out().println("Cleaned up V" + m.version() + " " + m.description().replaceFirst("^cleanup: ", "") + " (" + m.durationMs() + " ms)");
            }
            for (CleanupResult.Waiting w : r.waiting()) {
                context().out().println("V" + w.version() + " " + w.description() + ": awaiting cleanup, eligible on " + StatusCommand.WHEN.format(w.eligibleAt()) + " UTC");
            }
            if (r.ran().isEmpty()) {
                context().out().println("No cleanup is due" + (r.waiting().isEmpty() ? "." : "; " + r.waiting().size() + " waiting."));
            }
            return ExitCodes.OK;
        });
    }
}
