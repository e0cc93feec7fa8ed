package io.migrun.internal.apply;

import io.migrun.MigrationFailedException;
import io.migrun.MigrationState;
import io.migrun.MigrationVersion;
import io.migrun.ValidationException;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks that stop {@code up} and fail {@code validate}: drift (changed or missing applied
 * scripts, pending versions below the newest applied one) and half-applied non-transactional
 * runs. Every offender is listed at once, with the fix.
 */
public final class Validator {

    public static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Validator() {
    }

    /** Throws {@link ValidationException} when the folder and the log disagree. */
    public static void checkDrift(Plan plan, String table, String folder, boolean allowOutOfOrder) {
        List<String> lines = new ArrayList<>();
        Set<String> fixes = new LinkedHashSet<>();
        for (Plan.Item i : plan.items()) {
            String label = "  V" + i.version() + " (" + i.name() + ")";
            if (i.changed()) {
                lines.add(label + " was changed after it was applied on " + WHEN.format(i.last().startedAt())
                        + ":\n      recorded " + i.recordedChecksum() + "\n      now      " + i.script().checksum());
                fixes.add("  changed: restore the applied text (e.g. git checkout the file) and put new work in a new migration (migrun new);"
                        + " if the edit was deliberate and is safe, accept it with migrun repair --accept-checksum VERSION.");
            } else if (i.state() == MigrationState.MISSING) {
                lines.add(label + " was applied on " + WHEN.format(i.last().startedAt()) + " but its file is gone from " + folder + ".");
                fixes.add("  missing: restore the file, as applied migrations stay in the folder;"
                        + " if it was deleted on purpose, record that with migrun repair --forget-missing VERSION.");
            } else if (!allowOutOfOrder && plan.outOfOrder(i)) {
                MigrationVersion newest = plan.newestApplied().orElseThrow();
                lines.add(label + " is pending but older than the newest applied version " + newest + ".");
                fixes.add("  out of order: give the file a version above " + newest + ", or apply it anyway with --out-of-order.");
            }
        }
        if (!lines.isEmpty()) {
            throw new ValidationException("Validation failed: the migrations in " + folder + " and the log " + table + " disagree.\n"
                    + String.join("\n", lines) + "\nHow to fix:\n" + String.join("\n", fixes));
        }
    }

    /** Throws {@link MigrationFailedException} when a non-transactional run failed and nobody has resolved it yet. */
    public static void checkNothingHalfApplied(Plan plan) {
        for (Plan.Item i : plan.items()) {
            if (i.state() == MigrationState.CANCELLED) {
                String v = i.version().toString();
                throw new MigrationFailedException(v, i.name(), "V" + v + " (" + i.name() + ") was cancelled on "
                        + WHEN.format(i.last().startedAt()) + "; what it committed stays, and migrun will not go on until it is retried:\n"
                        + "  migrun retry " + v + "    to run it again, resuming from its last checkpoint", null);
            }
            if (i.state() == MigrationState.PARTIAL) {
                String v = i.version().toString();
                throw new MigrationFailedException(v, i.name(), "V" + v + " (" + i.name() + ") failed on "
                        + WHEN.format(i.last().startedAt()) + " without a transaction, so it may be partially applied:\n  "
                        + firstLine(i.last().error())
                        + "\nmigrun will not run anything until this is resolved. Check the database and undo or finish its changes by hand, then run one of:\n"
                        + "  migrun repair " + v + "                  to run it again with the next migrun up\n"
                        + "  migrun repair " + v + " --mark-applied   if you completed it by hand", null);
            }
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "(no error recorded)";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
