package io.migrun.cli;

import io.migrun.MigrationInfo;
import io.migrun.MigrationProgress;
import io.migrun.MigrationState;
import io.migrun.StatusResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code migrun status}: a table of every migration, or JSON. The JSON document is the
 * {@link StatusResult} as {@link JsonOutput} writes records: every field present (null when it has
 * nothing to say), in the order of the record components. Scripts parse it, so its field names,
 * order and types are part of the CLI reference (documented field by field in the README, fixed by
 * a spec): add fields at the end, never rename or retype one.
 */
@Command(name = "status", aliases = "info", description = "Show every migration: version, description, state, applied at, duration, checksum.",
        footer = {"", "Examples:",
                "  migrun status --json           one JSON document on stdout",
                "  migrun status --exit-code      in CI: exit 5 when migrations are pending"})
final class StatusCommand extends MigrunCommand.JsonCommand {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Option(names = "--exit-code", description = "Exit 1 when a migration failed or is partial (repair it), 3 when an applied script changed or is missing, "
            + "5 when migrations are pending or not finished; 0 when up to date.")
    boolean exitCode;

    @Override
    public Integer call() {
        return withMigrun(migrun -> {
            StatusResult r = migrun.status();
            if (json) {
                JsonOutput.print(context(), r);
            } else {
                print(r);
            }
            return exitCode ? ExitCodes.of(r) : ExitCodes.OK;
        });
    }

    /** A migration applied over several runs (resumed) shows their total and the last one's. */
    private static String duration(MigrationInfo m) {
        if (m.durationMs() == null) {
            return "";
        }
        return m.durationMs() + " ms" + (m.runs() > 1 && m.lastDurationMs() != null ? " (" + m.runs() + " runs, last " + m.lastDurationMs() + " ms)" : "");
    }

    private void print(StatusResult r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"Version", "Description", "State", "Applied at (UTC)", "Duration", "Checksum"});
        for (MigrationInfo m : r.migrations()) {
            String state = m.state().label() + (m.outOfOrder() ? " (out of order)" : "");
            rows.add(new String[]{m.version() == null ? "" : m.version(), m.description(), state,
                    m.appliedAt() == null ? "" : WHEN.format(m.appliedAt()), duration(m),
                    m.checksum() == null ? "" : m.checksum()});
        }
        context().out().println("Database: " + r.database());
        List<String> lines = Table.lines(rows);
        context().out().println(lines.get(0));
        int index = 1;
        for (MigrationInfo m : r.migrations()) {
            context().out().println(lines.get(index++));
            if (m.skippedRows() > 0) {
                context().out().println("    " + ProgressText.rows(m.skippedRows()) + " skipped under onError: 'skip': migrun errors " + m.version() + " lists them; migrun up --retry-errors " + m.version() + " drives them again");
            }
            if (m.state() == MigrationState.SUCCEEDED) {
                if ("awaiting".equals(m.cleanup())) {
                    context().out().println("    awaiting cleanup, eligible on " + WHEN.format(m.cleanupEligibleAt()) + " UTC (migrun cleanup)");
                } else if ("failed".equals(m.cleanup())) {
                    context().out().println("    cleanup failed; migrun cleanup " + m.version() + " runs it again");
                }
                continue;
            }
            for (MigrationProgress p : m.progress()) {
                context().out().println("    " + ProgressText.line(p));
            }
            if (m.request() != null) {
                context().out().println("    held: an operator asked to " + m.request() + " it");
            }
            if (!m.commands().isEmpty() && !m.progress().isEmpty() || m.request() != null) {
                context().out().println("    next: " + String.join("  |  ", m.commands()));
            }
        }
        long failed = r.migrations().stream().filter(m -> m.state() == MigrationState.FAILED || m.state() == MigrationState.PARTIAL).count();
        context().out().println((r.currentVersion() == null ? "No migration applied yet" : "Now at version " + r.currentVersion())
                + "; " + r.pendingCount() + " pending" + (failed > 0 ? ", " + failed + " failed (see the error column of _migrationLog)" : "") + ".");
    }
}
