package io.migrun.cli;

import io.migrun.MigrationProgress;

import java.util.Locale;

/** One line of progress: rows done of the total, percentage, rate, ETA, position. */
final class ProgressText {

    private ProgressText() {
    }

    static String line(MigrationProgress p) {
        StringBuilder s = new StringBuilder(p.step()).append(": ");
        if (p.done()) {
            s.append("done, ").append(count(p.processed())).append(" rows");
        } else {
            s.append(count(p.processed()));
            if (p.total() != null && p.total() > 0) {
                s.append(" of ").append(p.totalEstimated() ? "~" : "").append(count(p.total()))
                        .append(" rows (").append(Math.min(100, p.processed() * 100 / p.total())).append("%)");
            } else {
                s.append(" rows");
            }
        }
        if (p.failed() > 0) {
            s.append(", ").append(count(p.failed())).append(" failed");
        }
        if (p.rowsPerSecond() > 0) {
            s.append(", ").append(count(Math.round(p.rowsPerSecond()))).append(" rows/s");
            if (!p.done() && p.total() != null && p.total() > p.processed()) {
                s.append(", ETA ").append(duration((long) ((p.total() - p.processed()) / p.rowsPerSecond())));
            }
        }
        if (!p.done() && p.cursor() != null) {
            s.append(", at ").append(p.cursor());
        }
        return s.toString();
    }

    /** {@code 1 row}, {@code 2,500 rows}. */
    static String rows(long n) {
        return count(n) + (n == 1 ? " row" : " rows");
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
        }
        return seconds / 3600 + "h" + String.format(Locale.ROOT, "%02d", seconds % 3600 / 60) + "m";
    }
}
