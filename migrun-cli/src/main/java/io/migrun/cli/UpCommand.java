package io.migrun.cli;

import io.migrun.ConfigurationException;
import io.migrun.MigrateResult;
import io.migrun.Migrun;
import io.migrun.RetryErrorsResult;
import io.migrun.RunLimits;
import io.migrun.config.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.stream.Collectors;

/** {@code migrun up}: applies pending migrations. */
@Command(name = "up", aliases = "migrate", description = "Apply pending migrations in version order.",
        footer = {"", "Examples:",
                "  migrun up                      apply every pending migration",
                "  migrun up --target 5 --dry-run rehearse up to version 5, then roll back"})
final class UpCommand extends MigrunCommand.ConfiguredCommand {

    @CommandLine.Mixin
    LockGuardOptions lockGuard;

    @Override
    LockGuardOptions lockGuard() {
        return lockGuard;
    }

    @Option(names = "--target", paramLabel = "VERSION", description = "Apply nothing above this version.")
    String target;

    @Option(names = "--out-of-order", description = "Also apply pending versions older than the newest applied one.")
    boolean outOfOrder;

    @Option(names = "--max-batches", paramLabel = "N", description = "End the run at a checkpoint after N batches (exit 0); the next up goes on.")
    Long maxBatches;

    @Option(names = "--max-duration", paramLabel = "DURATION", description = "End the run at the first checkpoint after this long, e.g. 10m (exit 0).")
    String maxDuration;

    @Option(names = "--dry-run", description = "Run pending migrations in one transaction that is rolled back, and show what they changed; records nothing.")
    boolean dryRun;

    @Option(names = "--limit", paramLabel = "N", description = "With --dry-run: rows per batched walk (default: one batch).")
    Long limit;

    @Option(names = "--retry-errors", paramLabel = "VERSION", description = "Drive again only the rows this migration skipped under onError: 'skip'.")
    String retryErrors;

    @CommandLine.Mixin
    YesOption confirm;

    private RunLimits limits() {
        if (maxBatches != null && maxBatches < 1) {
            throw new ConfigurationException("--max-batches must be 1 or more, was " + maxBatches + ".");
        }
        try {
            return new RunLimits(maxBatches, maxDuration == null ? null : Durations.parse(maxDuration));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid --max-duration: " + e.getMessage() + ".");
        }
    }

    @Override
    public Integer call() {
        if (limit != null && !dryRun) {
            throw new ConfigurationException("--limit goes with --dry-run.");
        }
        return withMigrun(b -> b.target(version("--target", target)).outOfOrder(outOfOrder), migrun -> {
            if (dryRun) {
                return DryRunReport.print(migrun.dryRun(limit), context().out());
            }
            return retryErrors != null ? retryErrors(migrun) : up(migrun);
        });
    }

    private int retryErrors(Migrun migrun) {
        Protection.confirm(context(), migrun.config(), confirm.yes, () -> List.of("retry the failed rows of V" + retryErrors));
        RetryErrorsResult r = migrun.retryErrors(version("version", retryErrors));
        context().out().println("Retried " + r.retried() + " failed row" + (r.retried() == 1 ? "" : "s") + " of V" + r.version() + ": "
                + r.fixed() + " went through, " + r.stillFailing() + " failed again"
                + (r.stillFailing() > 0 ? " (see migrun errors " + r.version() + ")." : "."));
        return r.stillFailing() > 0 ? ExitCodes.MIGRATION_FAILED : ExitCodes.OK;
    }

    private int up(Migrun migrun) {
        RunLimits limits = limits();
        Protection.confirm(context(), migrun.config(), confirm.yes, () -> Plans.pending(migrun));
        MigrateResult r = migrun.migrate(limits);
        int n = r.applied().size();
        if (r.stopped() != null) {
            context().out().println((n > 0 ? "Applied " + n + " migration" + (n == 1 ? "" : "s") + " first. " : "") + r.stopped());
        } else if (r.upToDate()) {
            if (r.currentVersion() != null) {
                context().out().println("Database is up to date at version " + r.currentVersion() + "; nothing to apply.");
            }
        } else {
            context().out().printf("Applied %d migration%s, now at version %s (%.1f s)%s%n", n, n == 1 ? "" : "s",
                    r.currentVersion(), r.durationMs() / 1000.0, skipped(r));
        }
        return ExitCodes.OK;
    }

    /** How many rows the run left unchanged under onError: 'skip', and where to see them; empty when none. */
    private static String skipped(MigrateResult r) {
        if (r.skippedRows() == 0) {
            return "";
        }
        String where = r.applied().stream().filter(m -> m.skippedRows() > 0).map(m -> "migrun errors " + m.version())
                .collect(Collectors.joining(", "));
        return "; " + ProgressText.rows(r.skippedRows()) + " skipped under onError: 'skip' (" + where + ")";
    }
}
