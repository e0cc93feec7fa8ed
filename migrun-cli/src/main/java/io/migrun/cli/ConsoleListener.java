package io.migrun.cli;

import io.migrun.AppliedMigration;
import io.migrun.MigrationListener;
import io.migrun.MigrationProgress;
import io.migrun.MigrationVersion;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints a run as it goes: notices, the script's log lines, one line per applied migration, and
 * the progress of batched walks, as a bar per walk on a terminal or a line every few seconds
 * elsewhere, so CI logs stay readable. Writes to one stream: stdout, or stderr when the command's
 * stdout carries JSON.
 */
final class ConsoleListener implements MigrationListener {

    /** Progress lines are spaced so that CI logs stay readable. */
    private static final long EVERY_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, Long> lastPrinted = new HashMap<>();
    private final Map<String, ProgressBar> bars = new HashMap<>();

    ConsoleListener(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void onNotice(String message) {
        out.println(message);
    }

    @Override
    public void onScriptLog(String version, String level, String message) {
        out.println("  [" + tag(version) + (level.equals("info") ? "" : " " + level) + "] " + message);
    }

    /** As psql shows them: {@code NOTICE:  text}, tagged with the script. */
    @Override
    public void onServerNotice(String version, String severity, String message) {
        out.println("  [" + tag(version) + "] " + severity + ":  " + message);
    }

    /** {@code V5} for a version, the script's name for a script without one. */
    private static String tag(String version) {
        return MigrationVersion.isValid(version) ? "V" + version : version;
    }

    @Override
    public void onProgress(MigrationProgress p) {
        if (terminal) {
            bar(p);
            return;
        }
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

    private void bar(MigrationProgress p) {
        String key = p.version() + " " + p.step();
        // No total (unknown, or one the walk has reached) makes the bar indefinite rather than full.
        Long total = ProgressText.shownTotal(p);
        long max = total == null ? -1 : total;
        ProgressBar bar = bars.computeIfAbsent(key, k -> new ProgressBarBuilder()
                .setTaskName("V" + p.version() + " " + p.step())
                .setInitialMax(max)
                .setUnit(" rows", 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.UNICODE_BLOCK)
                .setConsumer(new FlushingConsumer(out))
                .build());
        if (!p.done() && bar.getMax() != max) {
            bar.maxHint(max);
        }
        bar.stepTo(p.processed());
        if (p.done()) {
            bar.maxHint(p.processed());
            bar.close();
            bars.remove(key);
            out.println("  [V" + p.version() + "] " + ProgressText.line(p));
        }
    }

    /** The bar redraws a line without ending it; the flush passes the line on through the console's masking at once. */
    private static final class FlushingConsumer extends ConsoleProgressBarConsumer {
        private final PrintStream out;

        FlushingConsumer(PrintStream out) {
            super(out);
            this.out = out;
        }

        @Override
        public void accept(String rendered) {
            super.accept(rendered);
            out.flush();
        }
    }

    @Override
    public void afterMigration(AppliedMigration m) {
        String what = m.version() == null ? "repeatable " + m.script() : "V" + m.version() + " " + m.description();
        out.println("Applied " + what + " (" + m.durationMs() + " ms" + (m.skippedRows() == 0 ? "" : ", " + ProgressText.rows(m.skippedRows()) + " skipped") + ")");
    }
}
