package io.migrun.maven;

import io.migrun.ConfigurationException;
import io.migrun.MigrationInfo;
import io.migrun.Migrun;
import io.migrun.RepairAction;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * As {@code migrun repair}: resolves a failed migration (makes it pending again, or records it as
 * applied with {@code markApplied}), or accepts a deliberate edit ({@code acceptChecksum}) or
 * deletion ({@code forgetMissing}) of an applied one. At most one of the three.
 */
@Mojo(name = "repair", requiresProject = true, threadSafe = true)
public class RepairMojo extends MigrunMojo {

    /** The version to repair (its own property: a project's {@code migrun.version} often pins the plugin). */
    @Parameter(property = "migrun.repairVersion", required = true)
    private String version;

    /** Record a failed migration as applied without running it (it was completed by hand). */
    @Parameter(property = "migrun.markApplied", defaultValue = "false")
    private boolean markApplied;

    /** Record an applied migration's edited script as it is now (old and new checksum go into the log). */
    @Parameter(property = "migrun.acceptChecksum", defaultValue = "false")
    private boolean acceptChecksum;

    /** Record that an applied migration's file was deleted on purpose. */
    @Parameter(property = "migrun.forgetMissing", defaultValue = "false")
    private boolean forgetMissing;

    @Override
    void run(Migrun migrun) {
        RepairAction action = action();
        MigrationInfo info = migrun.repair(version("version", version), action);
        String which = "V" + info.version() + " (" + info.script() + ")";
        info(switch (action) {
            case RETRY -> "V" + info.version() + " is pending again; the next migrun:up runs it.";
            case MARK_APPLIED -> "V" + info.version() + " is recorded as applied.";
            case ACCEPT_CHECKSUM -> "Accepted the edit of " + which + ": the log holds its new checksum beside the old one, "
                    + "and validate, up and status no longer report it changed.";
            case FORGET_MISSING -> "Recorded " + which + " as deleted: validate and up no longer look for its file, and status shows it as deleted.";
        });
    }

    private RepairAction action() {
        int chosen = (markApplied ? 1 : 0) + (acceptChecksum ? 1 : 0) + (forgetMissing ? 1 : 0);
        if (chosen > 1) {
            throw new ConfigurationException("Give at most one of markApplied, acceptChecksum and forgetMissing: each is a different repair.");
        }
        return markApplied ? RepairAction.MARK_APPLIED : acceptChecksum ? RepairAction.ACCEPT_CHECKSUM
                : forgetMissing ? RepairAction.FORGET_MISSING : RepairAction.RETRY;
    }
}
