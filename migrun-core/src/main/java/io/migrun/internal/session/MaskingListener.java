package io.migrun.internal.session;

import io.migrun.AppliedMigration;
import io.migrun.MigrationListener;
import io.migrun.MigrationProgress;
import io.migrun.config.SecretMask;

/**
 * Passes a run's events on with every known secret masked in their text: notices, descriptions,
 * results, the script's log lines and the server's notices. Forwards every method of
 * {@link MigrationListener}, so the target's own handling of each is kept. Progress passes unchanged (counts, and row keys the CLI
 * masks when it prints them).
 */
public final class MaskingListener implements MigrationListener {

    private final MigrationListener target;
    private final SecretMask mask;

    public MaskingListener(MigrationListener target, SecretMask mask) {
        this.target = target;
        this.mask = mask;
    }

    @Override
    public void onNotice(String message) {
        target.onNotice(mask.mask(message));
    }

    @Override
    public void beforeMigration(String version, String description, String script) {
        target.beforeMigration(version, mask.mask(description), script);
    }

    @Override
    public void afterMigration(AppliedMigration m) {
        target.afterMigration(new AppliedMigration(m.version(), mask.mask(m.description()), m.script(), m.durationMs(), mask.maskJson(m.result())));
    }

    @Override
    public void onProgress(MigrationProgress progress) {
        target.onProgress(progress);
    }

    @Override
    public void onScriptLog(String version, String level, String message) {
        target.onScriptLog(version, level, mask.mask(message));
    }

    @Override
    public void onServerNotice(String version, String severity, String message) {
        target.onServerNotice(version, severity, mask.mask(message));
    }
}
