package io.migrun.maven;

import io.migrun.AppliedMigration;
import io.migrun.DownResult;
import io.migrun.Migrun;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Undoes the last applied migration with its down block (or everything above {@code to}, or the last {@code count}), as {@code migrun down}. */
@Mojo(name = "down", requiresProject = true, threadSafe = true)
public class DownMojo extends MigrunMojo {

    /** Undo every applied migration above this version. */
    @Parameter(property = "migrun.to")
    private String to;

    /** Undo the last N applied migrations. */
    @Parameter(property = "migrun.count")
    private Integer count;

    /** Run the down blocks in one transaction that is rolled back, and show what they changed; records nothing. */
    @Parameter(property = "migrun.dryRun", defaultValue = "false")
    private boolean dryRun;

    /** Also undo a migration whose cleanup already ran; its down block may then destroy data. */
    @Parameter(property = "migrun.force", defaultValue = "false")
    private boolean force;

    @Override
    boolean changes() {
        return !dryRun;
    }

    @Override
    void run(Migrun migrun) throws MojoFailureException {
        if (dryRun) {
            DryRunReport.write(migrun.downDryRun(version("to", to), count, force), "down blocks", this::info);
            return;
        }
        DownResult r = migrun.down(version("to", to), count, force);
        for (AppliedMigration m : r.undone()) {
            info("Undid V" + m.version() + " " + m.description() + " (" + m.durationMs() + " ms)");
        }
        int n = r.undone().size();
        info(String.format("Undid %d migration%s, now at %s (%.1f s)", n, UpMojo.plural(n),
                r.currentVersion() == null ? "no version" : "version " + r.currentVersion(), r.durationMs() / 1000.0));
    }
}
