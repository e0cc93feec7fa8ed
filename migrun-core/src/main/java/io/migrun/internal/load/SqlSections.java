package io.migrun.internal.load;

import io.migrun.MigrationFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The two parts of an SQL migration: a line that says only {@code -- migrun: down} (spaces and
 * tabs around the words may vary, as in {@code -- migrun: transaction false}) ends the part that
 * runs on {@code up} and starts the part that runs on {@code down}. A file without the line is all
 * up part and has no down, as a Groovy migration without a {@code down { }} block.
 *
 * <p>The checksum stays that of the whole file, as a Groovy script's covers its {@code down} block:
 * the down part is applied-and-reviewed text like the rest, so editing it after {@code up} is drift
 * that {@code validate} reports, and files without the line keep the checksums they were applied with.
 *
 * <p>Nothing that looks like a marker passes as a comment: a comment line naming {@code migrun} or
 * {@code migrate} (dbmate's marker) followed by up, down, undo or rollback that is not the marker
 * itself, a second marker, and a marker in a repeatable or ad-hoc script (which have no down) are
 * {@link MigrationFailedException}s naming the file and line.
 *
 * @param up         the text before the marker line; the whole text without one
 * @param down       the text after the marker line, preceded by one line break per line up to the
 *                   marker, so that statement lines count from the top of the file; null without a marker
 * @param markerLine the marker's line, counted from 1; 0 without one
 */
public record SqlSections(String up, String down, int markerLine) {

    /** The marker as messages and templates write it. */
    public static final String MARKER = "-- migrun: down";

    private static final Pattern NO_TRANSACTION = Pattern.compile("(?m)^\\s*--\\s*migrun:\\s*transaction\\s+false\\s*$");
    private static final Pattern EXACT = Pattern.compile("[ \\t]*--[ \\t]*migrun:[ \\t]*down[ \\t]*");
    private static final Pattern LOOKALIKE = Pattern.compile("(?i)[ \\t]*-{2,}[ \\t]*(migrun|migrate)\\b[ \\t]*:?[ \\t]*(up|down|undo|rollback)\\b.*");

    /** Splits the script's text at its marker; throws for the mistakes the class comment lists. */
    /** Whether an SQL file runs without a transaction: it has a line that says only {@code -- migrun: transaction false}. */
    public static boolean withoutTransaction(String text) {
        return NO_TRANSACTION.matcher(text).find();
    }

    public static SqlSections of(ResolvedScript script) {
        String text = script.text();
        List<Integer> markers = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        int at = 0;
        for (int line = 1; at <= text.length(); line++) {
            int nl = text.indexOf('\n', at);
            int end = nl < 0 ? text.length() : nl;
            String l = text.substring(at, end > at && text.charAt(end - 1) == '\r' ? end - 1 : end);
            if (EXACT.matcher(l).matches()) {
                markers.add(line);
                starts.add(at);
            } else if (LOOKALIKE.matcher(l).matches()) {
                throw failure(script, script.name() + ":" + line + ": found \"" + l.strip() + "\", which looks like a migrun section marker but is not one. "
                        + "Expected a line that says only " + MARKER + " (spaces may vary), which ends the part that runs on up and starts the part that "
                        + "runs on down. Correct the line, or reword it if it is only a comment.");
            }
            at = end + 1;
        }
        if (markers.isEmpty()) {
            return new SqlSections(text, null, 0);
        }
        refuse(script, markers);
        int start = starts.get(0);
        int nl = text.indexOf('\n', start);
        String after = nl < 0 ? "" : text.substring(nl + 1);
        return new SqlSections(text.substring(0, start), "\n".repeat(markers.get(0)) + after, markers.get(0));
    }

    /** Whether the file has a marker, and so a down part (which may still hold no statement). */
    public boolean hasDown() {
        return markerLine > 0;
    }

    private static void refuse(ResolvedScript script, List<Integer> markers) {
        if (markers.size() > 1) {
            List<String> lines = markers.stream().map(String::valueOf).toList();
            throw failure(script, script.name() + " has " + markers.size() + " lines " + MARKER + " (lines "
                    + String.join(", ", lines.subList(0, lines.size() - 1)) + " and " + lines.get(lines.size() - 1) + "); expected at most one: "
                    + "the part before it runs on up, the part after it on down. Keep the one that starts the down part and remove the other"
                    + (markers.size() > 2 ? "s." : "."));
        }
        if (script.role() != ResolvedScript.Role.VERSIONED) {
            String what = script.adHoc() ? "an ad-hoc script has no down part: migrun run runs it whole"
                    : "a repeatable script has no down part: it runs again, whole, whenever it changes";
            throw failure(script, script.name() + " has a line " + MARKER + " (line " + markers.get(0) + "), but " + what
                    + ". Remove the line, and the statements after it unless they are meant to run.");
        }
    }

    private static MigrationFailedException failure(ResolvedScript script, String message) {
        return new MigrationFailedException(script.version() == null ? null : script.version().toString(), script.name(), message, null);
    }
}
