package io.migrun.maven;

import io.migrun.DryRunResult;
import io.migrun.MigrationVersion;
import org.apache.maven.plugin.MojoFailureException;

import java.util.function.Consumer;

/** What a dry run did, per migration: rows changed per table, its walks and its result. */
final class DryRunReport {

    private DryRunReport() {
    }

    /** Writes what a dry run did; a refusal fails the build, as the command line exits 1. */
    static void write(DryRunResult r, String what, Consumer<String> info) throws MojoFailureException {
        info.accept("Dry run: " + what + " run in one transaction that is rolled back; nothing is committed or recorded.");
        for (DryRunResult.Migration m : r.migrations()) {
            info.accept((MigrationVersion.isValid(m.version()) ? "V" + m.version() : m.version()) + " " + m.description());
            if (m.changes().isEmpty()) {
                info.accept("  no rows changed");
            }
            for (DryRunResult.TableChanges t : m.changes()) {
                info.accept("  " + t.table() + ": " + MavenLogListener.count(t.inserted()) + " inserted, " + MavenLogListener.count(t.updated())
                        + " updated, " + MavenLogListener.count(t.deleted()) + " deleted");
            }
            m.walks().forEach(walk -> info.accept("  " + walk));
            if (m.result() != null) {
                info.accept("  result: " + m.result());
            }
        }
        int n = r.migrations().size();
        info.accept("Dry run finished: " + n + " migration" + UpMojo.plural(n) + " ran and " + (n == 1 ? "was" : "were") + " rolled back.");
        if (r.refused() != null) {
            throw new MojoFailureException(r.refused());
        }
    }
}
