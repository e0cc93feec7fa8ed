package io.migrun.maven;

import io.migrun.ConfigurationException;
import io.migrun.MigrateResult;
import io.migrun.Migrun;
import io.migrun.RunLimits;
import io.migrun.config.Durations;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.stream.Collectors;

/** Applies pending migrations in version order, as {@code migrun up}; a failed migration fails the build. */
@Mojo(name = "up", requiresProject = true, threadSafe = true)
public class UpMojo extends MigrunMojo {

    /** End the run at a checkpoint after this many batches; the next up goes on. */
    @Parameter(property = "migrun.maxBatches")
    private Long maxBatches;

    /** End the run at the first checkpoint after this long, e.g. 10m. */
    @Parameter(property = "migrun.maxDuration")
    private String maxDuration;

    @Override
    void run(Migrun migrun) {
        MigrateResult r = migrun.migrate(limits());
        int n = r.applied().size();
        if (r.stopped() != null) {
            info((n > 0 ? "Applied " + n + " migration" + plural(n) + " first. " : "") + r.stopped());
        } else if (r.upToDate()) {
            info(r.currentVersion() == null ? "No migration to apply." : "Database is up to date at version " + r.currentVersion() + "; nothing to apply.");
        } else {
            info(String.format("Applied %d migration%s, now at version %s (%.1f s)%s", n, plural(n), r.currentVersion(),
                    r.durationMs() / 1000.0, skipped(r)));
        }
    }

    private RunLimits limits() {
        if (maxBatches != null && maxBatches < 1) {
            throw new ConfigurationException("maxBatches must be 1 or more, was " + maxBatches + ".");
        }
        try {
            return new RunLimits(maxBatches, maxDuration == null || maxDuration.isBlank() ? null : Durations.parse(maxDuration.strip()));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid maxDuration: " + e.getMessage() + ".");
        }
    }

    /** How many rows the run left unchanged under onError: 'skip', and where to see them; empty when none. */
    private static String skipped(MigrateResult r) {
        if (r.skippedRows() == 0) {
            return "";
        }
        String where = r.applied().stream().filter(m -> m.skippedRows() > 0).map(m -> "migrun errors " + m.version())
                .collect(Collectors.joining(", "));
        return "; " + MavenLogListener.count(r.skippedRows()) + " rows skipped under onError: 'skip' (" + where + ")";
    }

    static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
