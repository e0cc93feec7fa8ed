package io.migrun.maven;

import io.migrun.MigrationInfo;
import io.migrun.Migrun;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/** Records a version and everything below as applied without running them, as {@code migrun baseline}, for a database migrun has not migrated. */
@Mojo(name = "baseline", requiresProject = true, threadSafe = true)
public class BaselineMojo extends MigrunMojo {

    /** The version the existing database is at. */
    @Parameter(property = "migrun.baselineVersion", required = true)
    private String version;

    @Override
    void run(Migrun migrun) {
        List<MigrationInfo> covered = migrun.baseline(version("version", version));
        info("Baselined at version " + version.strip() + ": " + covered.size() + " migration" + UpMojo.plural(covered.size())
                + " in the folder count as applied; migrun:up applies the ones above.");
    }
}
