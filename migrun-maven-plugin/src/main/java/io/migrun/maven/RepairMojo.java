package io.migrun.maven;

import io.migrun.MigrationInfo;
import io.migrun.Migrun;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Resolves a failed migration, as {@code migrun repair}: makes it pending again, or records it as applied with {@code markApplied}. */
@Mojo(name = "repair", requiresProject = true, threadSafe = true)
public class RepairMojo extends MigrunMojo {

    /** The version of the failed migration. */
    @Parameter(property = "migrun.version", required = true)
    private String version;

    /** Record it as applied without running it (it was completed by hand). */
    @Parameter(property = "migrun.markApplied", defaultValue = "false")
    private boolean markApplied;

    @Override
    void run(Migrun migrun) {
        MigrationInfo info = migrun.repair(version("version", version), markApplied);
        info(markApplied ? "V" + info.version() + " is recorded as applied."
                : "V" + info.version() + " is pending again; the next migrun:up runs it.");
    }
}
