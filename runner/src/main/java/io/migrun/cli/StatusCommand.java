package io.migrun.cli;

import io.migrun.MigrationInfo;
import io.migrun.MigrationState;
import io.migrun.StatusResult;
import io.migrun.helper.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** {@code migrun status}: a table of every migration, or JSON. */
@Command(name = "status", description = "Show every migration: version, description, state, applied at, duration, checksum.")
final class StatusCommand extends MigrunCommand.ConfiguredCommand {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        return withMigrun(b -> b, migrun -> {
            StatusResult r = migrun.status();
            if (json) {
                context().out().println(Json.write(r));
            } else {
                print(r);
            }
            return ExitCodes.OK;
        });
    }

    private void print(StatusResult r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"Version", "Description", "State", "Applied at (UTC)", "Duration", "Checksum"});
        for (MigrationInfo m : r.migrations()) {
            String state = m.state().label() + (m.outOfOrder() ? " (out of order)" : "");
            rows.add(new String[]{m.version(), m.description(), state,
                    m.appliedAt() == null ? "" : WHEN.format(m.appliedAt()),
                    m.durationMs() == null ? "" : m.durationMs() + " ms",
                    m.checksum() == null ? "" : m.checksum()});
        }
        context().out().println("Database: " + r.database());
        Table.print(context().out(), rows);
        long failed = r.migrations().stream().filter(m -> m.state() == MigrationState.FAILED || m.state() == MigrationState.PARTIAL).count();
        context().out().println((r.currentVersion() == null ? "No migration applied yet" : "Now at version " + r.currentVersion())
                + "; " + r.pendingCount() + " pending" + (failed > 0 ? ", " + failed + " failed (see the error column of _migrationLog)" : "") + ".");
    }
}
