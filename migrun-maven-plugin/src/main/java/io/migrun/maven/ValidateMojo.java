package io.migrun.maven;

import io.migrun.Migrun;
import io.migrun.ValidateResult;
import org.apache.maven.plugins.annotations.Mojo;

/** Checks names, checksums, missing files and order against the log, as {@code migrun validate}; any difference fails the build. */
@Mojo(name = "validate", requiresProject = true, threadSafe = true)
public class ValidateMojo extends MigrunMojo {

    @Override
    boolean changes() {
        return false;
    }

    @Override
    void run(Migrun migrun) {
        ValidateResult r = migrun.validate();
        info("Validated " + r.scripts() + " migration" + UpMojo.plural(r.scripts()) + ": "
                + r.applied() + " applied with matching checksums, " + r.pending() + " pending.");
    }
}
