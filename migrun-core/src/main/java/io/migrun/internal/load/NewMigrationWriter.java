package io.migrun.internal.load;

import io.migrun.ConfigurationException;
import io.migrun.MigrationVersion;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes a new migration from a template with the next free version: one above the highest
 * major version, or the current UTC time when the folder numbers by 14-digit timestamps.
 */
public final class NewMigrationWriter {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final Path folder;
    private final Clock clock;

    public NewMigrationWriter(Path folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
    }

    /** Creates the file (and the folder if need be) and returns its path. */
    /** Writes, with today's UTC date in its template, a {@code .sql} migration when {@code sql} is true and a Groovy one when not. */
    public static Path write(Path folder, String description, boolean sql) {
        return new NewMigrationWriter(folder, Clock.systemUTC()).write(description, sql ? ScriptType.SQL : ScriptType.GROOVY);
    }

    public Path write(String description, ScriptType type) {
        String words = description == null ? "" : description.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (words.isEmpty()) {
            throw new ConfigurationException("A new migration needs a description with letters or digits, e.g. migrun new \"add users email index\".");
        }
        List<ResolvedScript> existing = Files.isDirectory(folder) ? new ScriptScanner(folder).scan() : List.of();
        String version = next(existing.stream().map(ResolvedScript::version).toList());
        String ext = type == ScriptType.SQL ? ".sql" : ".groovy";
        Path file = folder.resolve("V" + version + "__" + words + ext);
        try {
            Files.createDirectories(folder);
            Files.writeString(file, type == ScriptType.SQL ? sqlTemplate(description) : groovyTemplate(description), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private String next(List<MigrationVersion> versions) {
        if (versions.isEmpty()) {
            return "1";
        }
        MigrationVersion highest = versions.get(versions.size() - 1);
        boolean timestamps = versions.stream().allMatch(v -> v.toString().matches("\\d{14}"));
        if (timestamps) {
            String now = STAMP.format(clock.instant());
            return new BigInteger(now).compareTo(highest.major()) > 0 ? now : highest.major().add(BigInteger.ONE).toString();
        }
        return highest.major().add(BigInteger.ONE).toString();
    }

    private static String groovyTemplate(String description) {
        return "description '" + description.replace("\\", "\\\\").replace("'", "\\'") + "'\n\n"
                + "up {\n"
                + "    // sql is a groovy.sql.Sql inside this migration's transaction; what up returns is stored as its result.\n"
                + "    // sql.execute 'ALTER TABLE users ADD COLUMN nickname text'\n"
                + "}\n";
    }

    private static String sqlTemplate(String description) {
        return "-- " + description.replace("\n", " ") + "\n"
                + "-- Runs in one transaction. For statements that cannot (CREATE INDEX CONCURRENTLY, VACUUM),\n"
                + "-- add a line that says only: -- migrun: transaction false\n"
                + "-- To undo it with migrun down, end the up statements with a line that says only: " + SqlSections.MARKER + "\n"
                + "-- and put the statements that reverse them after it.\n\n";
    }
}
