package io.migrun.cli;

import io.migrun.DryRunResult;
import io.migrun.MigrationVersion;
import io.migrun.internal.json.Json;

import java.io.PrintStream;
import java.util.Map;

/** Prints what a dry run did: per migration, rows changed per table and a few changed rows. */
final class DryRunReport {

    private DryRunReport() {
    }

    static int print(DryRunResult r, PrintStream out) {
        return print(r, out, "pending migrations");
    }

    /** @param what what ran, e.g. {@code pending migrations} or {@code down blocks} */
    static int print(DryRunResult r, PrintStream out, String what) {
        out.println("Dry run: " + what + " run in one transaction that is rolled back; nothing is committed or recorded.");
        for (DryRunResult.Migration m : r.migrations()) {
            out.println((MigrationVersion.isValid(m.version()) ? "V" + m.version() : m.version()) + " " + m.description());
            if (m.changes().isEmpty()) {
                out.println("  no rows changed");
            }
            for (DryRunResult.TableChanges t : m.changes()) {
                out.println("  " + t.table() + ": " + ProgressText.count(t.inserted()) + " inserted, " + ProgressText.count(t.updated())
                        + " updated, " + ProgressText.count(t.deleted()) + " deleted");
            }
            for (String walk : m.walks()) {
                out.println("  " + walk);
            }
            for (DryRunResult.Sample s : m.samples()) {
                for (Map.Entry<String, Object> e : s.after().entrySet()) {
                    out.println("  " + s.table() + " " + s.key() + " " + e.getKey() + ": " + text(s.before().get(e.getKey())) + " -> " + text(e.getValue()));
                }
            }
            if (m.result() != null) {
                out.println("  result: " + m.result());
            }
        }
        if (r.refused() != null) {
            out.println(r.refused());
        }
        int n = r.migrations().size();
        out.println("Dry run finished: " + n + " migration" + (n == 1 ? "" : "s") + " ran and " + (n == 1 ? "was" : "were") + " rolled back.");
        return r.refused() == null ? ExitCodes.OK : ExitCodes.MIGRATION_FAILED;
    }

    private static String text(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
            return Json.write(value);
        }
        return value.toString();
    }
}
