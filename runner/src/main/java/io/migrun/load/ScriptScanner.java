package io.migrun.load;

import io.migrun.ConfigurationException;
import io.migrun.MigrationVersion;
import io.migrun.ValidationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the migrations in a folder and its sub-folders (hidden ones skipped), sorted by version.
 * Reads and checksums every file but compiles none. Misnamed files and duplicate versions are
 * reported all at once, before anything runs.
 */
public final class ScriptScanner {

    private final Path folder;

    public ScriptScanner(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** The repeatable {@code R__<words>} scripts, ordered by name. */
    public List<ResolvedScript> repeatables() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<ResolvedScript> out = new ArrayList<>();
        for (Path file : files()) {
            String fileName = file.getFileName().toString();
            Optional<String> words = MigrationName.repeatable(fileName);
            if (words.isPresent()) {
                String text = Checksums.stripBom(read(file));
                String relative = folder.relativize(file).toString().replace('\\', '/');
                out.add(new ResolvedScript(null, words.get(), relative, file, fileName.endsWith(".sql") ? ScriptType.SQL : ScriptType.GROOVY,
                        text, Checksums.of(text), ResolvedScript.Role.REPEATABLE));
            }
        }
        out.sort(Comparator.comparing(ResolvedScript::name));
        return out;
    }

    /** The migrations, ordered by version; throws {@link ValidationException} listing every misnamed file and duplicate. */
    public List<ResolvedScript> scan() {
        if (!Files.isDirectory(folder)) {
            throw new ConfigurationException("The migrations folder " + folder + " does not exist. "
                    + "Create it, or point --migrations (MIGRUN_MIGRATIONS, or migrations: in migrun.yml) to the folder that holds your scripts.");
        }
        List<String> misnamed = new ArrayList<>();
        Map<MigrationVersion, List<ResolvedScript>> byVersion = new LinkedHashMap<>();
        for (Path file : files()) {
            String fileName = file.getFileName().toString();
            if (!MigrationName.looksLikeScript(fileName) || MigrationName.repeatable(fileName).isPresent()) {
                continue;
            }
            String relative = folder.relativize(file).toString().replace('\\', '/');
            Optional<MigrationName> name = MigrationName.find(fileName);
            if (name.isEmpty()) {
                misnamed.add("  " + relative + ": " + MigrationName.problem(fileName) + "; expected " + MigrationName.expectedForm(fileName));
                continue;
            }
            String text = Checksums.stripBom(read(file));
            MigrationName n = name.get();
            byVersion.computeIfAbsent(n.version(), v -> new ArrayList<>())
                    .add(new ResolvedScript(n.version(), n.description(), relative, file, n.type(), text, Checksums.of(text)));
        }
        List<String> problems = new ArrayList<>();
        if (!misnamed.isEmpty()) {
            problems.add("Misnamed migration files in " + folder + ":\n" + String.join("\n", misnamed)
                    + "\nRename them, or move files that are not migrations out of the folder.");
        }
        List<String> duplicates = new ArrayList<>();
        byVersion.forEach((version, scripts) -> {
            if (scripts.size() > 1) {
                duplicates.add("  version " + version + ": " + String.join(", ", scripts.stream().map(ResolvedScript::name).toList()));
            }
        });
        if (!duplicates.isEmpty()) {
            problems.add("Duplicate migration versions in " + folder + ":\n" + String.join("\n", duplicates)
                    + "\nGive each file its own version (run `migrun new` to get the next free one).");
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(String.join("\n\n", problems));
        }
        return byVersion.values().stream().map(l -> l.get(0))
                .sorted(Comparator.comparing(ResolvedScript::version)).toList();
    }

    private List<Path> files() {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !isHidden(folder.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
