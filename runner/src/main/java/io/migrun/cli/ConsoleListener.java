package io.migrun.cli;

import io.migrun.AppliedMigration;
import io.migrun.MigrationListener;

import java.io.PrintStream;

/** Prints a run as it goes: notices, the script's log lines, one line per applied migration. */
final class ConsoleListener implements MigrationListener {

    private final PrintStream out;

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
    public void afterMigration(AppliedMigration m) {
        out.println("Applied V" + m.version() + " " + m.description() + " (" + m.durationMs() + " ms)");
    }
}
