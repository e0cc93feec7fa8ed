package io.migrun.cli;

import io.migrun.MigrateResult;
import io.migrun.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrun up}: applies pending migrations. */
@Command(name = "up", description = "Apply pending migrations in version order.")
final class UpCommand extends MigrunCommand.ConfiguredCommand {

    @Option(names = "--target", paramLabel = "VERSION", description = "Apply nothing above this version.")
    String target;

    @Option(names = "--out-of-order", description = "Also apply pending versions older than the newest applied one.")
    boolean outOfOrder;

    @Override
    public Integer call() {
        return withMigrun(b -> b.target(target == null ? null : ConfigLoader.version("--target", target)).outOfOrder(outOfOrder), migrun -> {
            MigrateResult r = migrun.migrate();
            if (r.upToDate()) {
                if (r.currentVersion() != null) {
                    context().out().println("Database is up to date at version " + r.currentVersion() + "; nothing to apply.");
                }
            } else {
                int n = r.applied().size();
                context().out().printf("Applied %d migration%s, now at version %s (%.1f s)%n", n, n == 1 ? "" : "s",
                        r.currentVersion(), r.durationMs() / 1000.0);
            }
            return ExitCodes.OK;
        });
    }
}
