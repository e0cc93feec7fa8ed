package io.migrun.internal.load;

import io.migrun.MigrationVersion;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a file name as a migration name. {@code V<version>__<description>.groovy|.sql} is a
 * migration; another {@code .groovy} or {@code .sql} name is a mistake to report; anything else
 * (README.md, .gitkeep, editor backups) is not a migration at all.
 *
 * @param version     the parsed version
 * @param description underscores read as spaces
 * @param type        from the extension
 */
public record MigrationName(MigrationVersion version, String description, ScriptType type) {

    private static final Pattern VERSIONED = Pattern.compile("V([^_]+)__(.+)\\.(groovy|sql)");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.*[^_\\s].*)\\.(groovy|sql)");

    /** The words of a repeatable script's name ({@code R__<words>.groovy|.sql}), or empty for another name. */
    public static Optional<String> repeatable(String fileName) {
        Matcher m = REPEATABLE.matcher(fileName);
        return m.matches() ? Optional.of(m.group(1).replace('_', ' ').trim()) : Optional.empty();
    }

    /** True when the name ends like a script, so a name that does not parse is a mistake rather than an unrelated file. */
    public static boolean looksLikeScript(String fileName) {
        return !fileName.startsWith(".") && (fileName.endsWith(".groovy") || fileName.endsWith(".sql"));
    }

    /** The migration this name stands for, or empty when it does not parse. */
    public static Optional<MigrationName> find(String fileName) {
        Matcher m = VERSIONED.matcher(fileName);
        if (!m.matches() || !MigrationVersion.isValid(m.group(1)) || m.group(2).isBlank()) {
            return Optional.empty();
        }
        ScriptType type = ScriptType.valueOf(m.group(3).toUpperCase(Locale.ROOT));
        return Optional.of(new MigrationName(MigrationVersion.parse(m.group(1)), m.group(2).replace('_', ' ').trim(), type));
    }

    /** Why a script-like name is not a migration name, in words the user can act on. */
    public static String problem(String fileName) {
        String ext = fileName.substring(fileName.lastIndexOf('.'));
        String base = fileName.substring(0, fileName.length() - ext.length());
        if (base.startsWith("v")) {
            return "the prefix must be an upper-case V";
        }
        if (!base.startsWith("V")) {
            return "a migration name starts with V and its version";
        }
        int sep = base.indexOf("__");
        if (sep < 0) {
            return "two underscores must separate the version from the description";
        }
        String version = base.substring(1, sep);
        if (version.isEmpty()) {
            return "the version is missing between V and __";
        }
        if (!MigrationVersion.isValid(version)) {
            return "'" + version + "' is not a version: use digits separated by dots";
        }
        return "the description after __ is missing";
    }

    /** The expected form, shown with every naming error. */
    public static String expectedForm(String fileName) {
        String ext = fileName.endsWith(".sql") ? ".sql" : ".groovy";
        return "V<version>__<description>" + ext + ", e.g. V1__create_users" + ext;
    }
}
