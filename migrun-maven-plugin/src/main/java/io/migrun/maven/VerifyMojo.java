package io.migrun.maven;

import io.migrun.Migrun;
import io.migrun.VerifyResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Runs the verify blocks of applied migrations (or of one version) again, read-only, as {@code migrun verify}; a failed expectation fails the build. */
@Mojo(name = "verify", requiresProject = true, threadSafe = true)
public class VerifyMojo extends MigrunMojo {

    /** Verify only this migration. */
    @Parameter(property = "migrun.verifyVersion")
    private String version;

    @Override
    boolean changes() {
        return false;
    }

    @Override
    void run(Migrun migrun) throws MojoFailureException {
        VerifyResult r = migrun.verify(version("version", version));
        for (VerifyResult.Migration m : r.migrations()) {
            boolean ok = m.failed().isEmpty() && m.error() == null;
            info((ok ? "ok     " : "FAILED ") + "V" + m.version() + " " + m.description());
            m.passed().forEach(p -> info("         ok: " + p));
            m.failed().forEach(f -> info("         failed: " + f));
            if (m.error() != null) {
                info("         threw: " + m.error().replace("\n", "\n           "));
            }
        }
        long failed = r.migrations().stream().filter(m -> !m.failed().isEmpty() || m.error() != null).count();
        String summary = r.migrations().isEmpty() ? "No applied migration has a verify block."
                : "Verified " + r.migrations().size() + " migration" + UpMojo.plural(r.migrations().size()) + ": "
                + (failed == 0 ? "all expectations hold." : failed + " failed.");
        if (failed > 0) {
            throw new MojoFailureException(summary);
        }
        info(summary);
    }
}
