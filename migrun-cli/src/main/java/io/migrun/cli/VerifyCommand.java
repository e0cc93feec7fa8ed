package io.migrun.cli;

import io.migrun.VerifyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code migrun verify}: runs the verify blocks of applied migrations again. */
@Command(name = "verify", description = "Run the verify blocks of applied migrations (or of one version) again, read-only; exit 1 when an expectation fails.",
        footer = {"", "Examples:",
                "  migrun verify                  every applied verify block again, read-only",
                "  migrun verify 5                only V5's expectations",
                "  migrun verify --json           one JSON document; exit 1 when one fails"})
final class VerifyCommand extends MigrunCommand.JsonCommand {

    @Parameters(paramLabel = "VERSION", arity = "0..1", description = "Verify only this migration.")
    String version;

    @Override
    public Integer call() {
        return withMigrun(migrun -> {
            VerifyResult r = migrun.verify(version("version", version));
            if (json) {
                JsonOutput.print(context(), r);
                return r.passed() ? ExitCodes.OK : ExitCodes.MIGRATION_FAILED;
            }
            for (VerifyResult.Migration m : r.migrations()) {
                boolean ok = m.failed().isEmpty() && m.error() == null;
                context().out().println((ok ? "ok     " : "FAILED ") + "V" + m.version() + " " + m.description());
                m.passed().forEach(p -> context().out().println("         ok: " + p));
                m.failed().forEach(f -> context().out().println("         failed: " + f));
                if (m.error() != null) {
                    context().out().println("         threw: " + m.error().replace("\n", "\n           "));
                }
            }
            long failed = r.migrations().stream().filter(m -> !m.failed().isEmpty() || m.error() != null).count();
            context().out().println(r.migrations().isEmpty() ? "No applied migration has a verify block."
                    : "Verified " + r.migrations().size() + " migration" + (r.migrations().size() == 1 ? "" : "s") + ": "
                    + (failed == 0 ? "all expectations hold." : failed + " failed."));
            return failed == 0 ? ExitCodes.OK : ExitCodes.MIGRATION_FAILED;
        });
    }
}
