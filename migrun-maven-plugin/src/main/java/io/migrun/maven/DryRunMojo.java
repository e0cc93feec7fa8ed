package io.migrun.maven;

import io.migrun.Migrun;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Runs the pending migrations in one transaction that is rolled back and shows what they changed, as {@code migrun up --dry-run}; records nothing. */
@Mojo(name = "dry-run", requiresProject = true, threadSafe = true)
public class DryRunMojo extends MigrunMojo {

    /** Rows per batched walk (default: one batch). */
    @Parameter(property = "migrun.limit")
    private Long limit;

    @Override
    boolean changes() {
        return false;
    }

    @Override
    void run(Migrun migrun) throws MojoFailureException {
        DryRunReport.write(migrun.dryRun(limit), "pending migrations", this::info);
    }
}
