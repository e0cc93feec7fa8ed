package io.migrun.maven;

import io.migrun.MigrationInfo;
import io.migrun.MigrationProgress;
import io.migrun.MigrationState;
import io.migrun.Migrun;
import io.migrun.StatusResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Shows every migration's state, as {@code migrun status}; reads only. */
@Mojo(name = "status", requiresProject = true, threadSafe = true)
public class StatusMojo extends MigrunMojo {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** Fail the build when a migration failed, is pending or not finished, or an applied script changed or is missing (as status --exit-code exits non-zero). */
    @Parameter(property = "migrun.failIfNotUpToDate", defaultValue = "false")
    private boolean failIfNotUpToDate;

    @Override
    boolean changes() {
        return false;
    }

    @Override
    void run(Migrun migrun) throws MojoFailureException {
        StatusResult r = migrun.status();
        info("Database: " + r.database());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"Version", "Description", "State", "Applied at (UTC)", "Duration", "Checksum"});
        for (MigrationInfo m : r.migrations()) {
            rows.add(new String[]{m.version() == null ? "" : m.version(), m.description(),
                    m.state().label() + (m.outOfOrder() ? " (out of order)" : ""),
                    m.appliedAt() == null ? "" : WHEN.format(m.appliedAt()), m.durationMs() == null ? "" : m.durationMs() + " ms",
                    m.checksum() == null ? "" : m.checksum()});
        }
        List<String> lines = Columns.lines(rows);
        info(lines.get(0));
        for (int i = 0; i < r.migrations().size(); i++) {
            info(lines.get(i + 1));
            MigrationInfo m = r.migrations().get(i);
            if (m.state() != MigrationState.SUCCEEDED) {
                m.progress().forEach(p -> info("    " + progress(p)));
            }
        }
        long failed = r.migrations().stream().filter(m -> m.state() == MigrationState.FAILED || m.state() == MigrationState.PARTIAL).count();
        String summary = (r.currentVersion() == null ? "No migration applied yet" : "Now at version " + r.currentVersion())
                + "; " + r.pendingCount() + " pending" + (failed > 0 ? ", " + failed + " failed (see the error column of _migrationLog)" : "") + ".";
        info(summary);
        if (failIfNotUpToDate && !r.upToDate()) {
            throw new MojoFailureException("The database is not up to date: " + summary);
        }
    }


    private static String progress(MigrationProgress p) {
        return p.step() + ": " + MavenLogListener.count(p.processed()) + " rows" + (p.failed() > 0 ? ", " + MavenLogListener.count(p.failed()) + " failed" : "")
                + (p.cursor() == null ? "" : ", at " + p.cursor());
    }
}
