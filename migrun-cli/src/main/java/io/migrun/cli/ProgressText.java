package io.migrun.cli;

import io.migrun.MigrationProgress;

import java.util.Locale;

/**
 * One line of progress: rows done of the total, percentage, rate, ETA, position. Claims no more
 * than is known: a total the walk has reached (an estimate it overtook, or a count it matched
 * while rows may still come) is not shown, the percentage (of the rows seen, failed ones
 * included) stays below 100 until the walk is done, and there is an ETA only with a total ahead.
 */
final class ProgressText {

    private ProgressText() {
    }

    /** The total worth showing for {@code p}, or null: unknown, or one the walk has already reached. */
    static Long shownTotal(MigrationProgress p) {
        long seen = p.processed() + p.failed();
        if (p.done() || p.total() == null || p.total() <= 0) {
            return null;
        }
        return p.total() > seen || p.total() == seen && !p.totalEstimated() ? p.total() : null;
    }

    static String line(MigrationProgress p) {
        StringBuilder s = new StringBuilder(p.step()).append(": ");
        Long total = shownTotal(p);
        long seen = p.processed() + p.failed();
        if (p.done()) {
            s.append("done, ").append(count(p.processed())).append(" rows");
        } else if (total != null) {
            s.append(count(p.processed())).append(" of ").append(p.totalEstimated() ? "~" : "").append(count(total))
                    .append(" rows (").append(Math.min(99, seen * 100 / total)).append("%)");
        } else {
            s.append(count(p.processed())).append(" rows");
        }
        if (p.failed() > 0) {
            s.append(", ").append(count(p.failed())).append(" failed");
        }
        if (p.rowsPerSecond() > 0) {
            s.append(", ").append(count(Math.round(p.rowsPerSecond()))).append(" rows/s");
            if (total != null && total > seen) {
                s.append(", ETA ").append(duration((long) ((total - seen) / p.rowsPerSecond())));
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
