package io.migrun.cli;

import io.migrun.ConfigurationException;
import io.migrun.WaitResult;
import io.migrun.config.Durations;
import io.migrun.config.ProjectFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * {@code migrun wait}: waits until the configured database accepts connections, for a container
 * that starts beside its database. Exits 0 once it does, 2 at the timeout or when the server
 * refuses the login. Without a URL the embedded PostgreSQL is started, as any command would.
 */
@Command(name = "wait", description = "Wait until the database accepts connections, e.g. in a container that starts beside it; print one line when it does.",
        footer = {"", "Examples:",
                "  migrun wait                    wait up to 60 s for the configured database",
                "  migrun wait --timeout 2m && migrun up",
                "                                 wait up to 2 minutes, then apply the migrations",
                "Exits 0 once the database accepts connections, 2 when the timeout passes first",
                "or the server refuses the login."})
final class WaitCommand extends MigrunCommand.ConfiguredCommand {

    @Option(names = "--timeout", paramLabel = "DURATION", description = "How long to wait, e.g. 30s or 5m (default: 60s).")
    String timeout = "60s";

    /** A container's database is given by URL, wherever the command runs; only the embedded one needs a project. */
    @Override
    ProjectFolder.Needs needs() {
        return ProjectFolder.Needs.LOG;
    }

    @Override
    public Integer call() {
        Duration limit;
        try {
            limit = Durations.parse(timeout);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid --timeout: " + e.getMessage() + ".");
        }
        return withMigrun(migrun -> {
            WaitResult r = migrun.awaitDatabase(limit);
            context().out().printf("Ready: %s accepts connections (waited %.1f s)%n", r.database(), r.waitedMs() / 1000.0);
            return ExitCodes.OK;
        });
    }
}
