package io.migrun.cli;

import io.migrun.AppliedMigration;
import io.migrun.MigrationListener;

import io.migrun.MigrationProgress;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/** Prints a run as it goes: notices, the script's log lines, one line per applied migration. */
final class ConsoleListener implements MigrationListener {

    /** Progress lines are spaced so that CI logs stay readable. */
    private static final long EVERY_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final Map<String, Long> lastPrinted = new HashMap<>();

    ConsoleListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onNotice(String message) {
        out.println(message);
    }

    @Override
    public void onScriptLog(String version, String level, String message) {
        out.println("  [V" + version + (level.equals("info") ? "" : " " + level) + "] " + message);
    }

    @Override
    public void onProgress(MigrationProgress p) {
        String key = p.version() + " " + p.step();
        long now = System.nanoTime();
        Long last = lastPrinted.get(key);
        if (!p.done() && last != null && now - last < EVERY_NANOS) {
            return;
        }
        if (!p.done() && last == null) {
            lastPrinted.put(key, now);
            return;
        }
        lastPrinted.put(key, now);
        out.println("  [V" + p.version() + "] " + ProgressText.line(p));
    }

    @Override
    public void afterMigration(AppliedMigration m) {
        out.println("Applied V" + m.version() + " " + m.description() + " (" + m.durationMs() + " ms)");
    }
}
