package io.migrun.maven;

import io.migrun.AppliedMigration;
import io.migrun.MigrationListener;
import io.migrun.MigrationProgress;
import io.migrun.MigrationVersion;
import io.migrun.config.SecretMask;
import org.apache.maven.plugin.logging.Log;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run to the Maven log as the command line writes it to a file or CI log: notices, the
 * scripts' log lines (warnings and errors at their level), one line per applied migration, and a
 * walk's progress every few seconds and when it is done. Every line is masked.
 */
final class MavenLogListener implements MigrationListener {

    /** Progress lines are spaced so that build logs stay readable. */
    private static final long EVERY_NANOS = 5_000_000_000L;

    private final Log log;
    private final SecretMask mask;
    private final Map<String, Long> lastPrinted = new HashMap<>();

    MavenLogListener(Log log, SecretMask mask) {
        this.log = log;
        this.mask = mask;
    }

    @Override
    public void onNotice(String message) {
        log.info(mask.mask(message));
    }

    @Override
    public void onScriptLog(String version, String level, String message) {
        String line = mask.mask("  [" + tag(version) + "] " + message);
        switch (level) {
            case "warn" -> log.warn(line);
            case "error" -> log.error(line);
            case "debug" -> log.debug(line);
            default -> log.info(line);
        }
    }

    @Override
    public void onServerNotice(String version, String severity, String message) {
        String line = mask.mask("  [" + tag(version) + "] " + severity + ":  " + message);
        if (severity.equals("WARNING")) {
            log.warn(line);
        } else {
            log.info(line);
        }
    }

    @Override
    public void onProgress(MigrationProgress p) {
        String key = p.version() + " " + p.step();
        long now = System.nanoTime();
        Long last = lastPrinted.put(key, now);
        if (p.done() || last != null && now - last >= EVERY_NANOS) {
            log.info(mask.mask("  [V" + p.version() + "] " + p.step() + ": " + (p.done() ? "done, " : "") + count(p.processed()) + " rows"
                    + (p.failed() > 0 ? ", " + count(p.failed()) + " failed" : "")));
        } else if (last != null) {
            lastPrinted.put(key, last);
        }
    }

    @Override
    public void afterMigration(AppliedMigration m) {
        String what = m.version() == null ? "repeatable " + m.script() : "V" + m.version() + " " + m.description();
        log.info(mask.mask("Applied " + what + " (" + m.durationMs() + " ms"
                + (m.skippedRows() == 0 ? "" : ", " + count(m.skippedRows()) + " rows skipped") + ")"));
    }

    private static String tag(String version) {
        return MigrationVersion.isValid(version) ? "V" + version : version;
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
