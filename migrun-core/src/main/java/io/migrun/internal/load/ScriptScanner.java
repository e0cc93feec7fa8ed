package io.migrun.internal.load;

import io.migrun.ConfigurationException;
import io.migrun.MigrationVersion;
import io.migrun.ValidationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the migrations in a folder and its sub-folders (hidden ones skipped), sorted by version.
 * Follows symbolic links, the folder itself included. Reads every file as UTF-8 and checksums it
 * but compiles none. Misnamed files, duplicate versions, files that are not UTF-8, and links that
 * point nowhere or back into their own tree are reported all at once, before anything runs.
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
        FolderWalk walk = FolderWalk.of(folder);
        if (!walk.clean()) {
            throw new ValidationException(FolderWalk.describe(folder, walk.problems()));
        }
        List<ResolvedScript> out = new ArrayList<>();
        List<String> notUtf8 = new ArrayList<>();
        for (Path file : walk.files()) {
            String fileName = file.getFileName().toString();
            Optional<String> words = MigrationName.repeatable(fileName);
            if (words.isPresent()) {
                String relative = relative(file);
                ScriptText.Decoded d = ScriptText.decode(file);
                if (d.text() == null) {
                    notUtf8.add(relative + ": " + d.problem());
                    continue;
                }
                out.add(new ResolvedScript(null, words.get(), relative, file, fileName.endsWith(".sql") ? ScriptType.SQL : ScriptType.GROOVY,
                        d.text(), Checksums.of(d.text()), ResolvedScript.Role.REPEATABLE));
            }
        }
        if (!notUtf8.isEmpty()) {
            throw new ValidationException(notUtf8(notUtf8));
        }
        out.sort(Comparator.comparing(ResolvedScript::name));
        return out;
    }

    /**
     * The migrations, ordered by version; throws {@link ValidationException} listing every misnamed
     * file, duplicate version, file that is not UTF-8, and link that cannot be followed.
     */
    public List<ResolvedScript> scan() {
        requireFolder();
        FolderWalk walk = FolderWalk.of(folder);
        List<String> misnamed = new ArrayList<>();
        List<String> notUtf8 = new ArrayList<>();
        Map<MigrationVersion, List<ResolvedScript>> byVersion = new LinkedHashMap<>();
        for (Path file : walk.files()) {
            String fileName = file.getFileName().toString();
            if (!MigrationName.looksLikeScript(fileName) || MigrationName.repeatable(fileName).isPresent()) {
                continue;
            }
            String relative = relative(file);
            Optional<MigrationName> name = MigrationName.find(fileName);
            if (name.isEmpty()) {
                misnamed.add("  " + relative + ": " + MigrationName.problem(fileName) + "; expected " + MigrationName.expectedForm(fileName));
                continue;
            }
            ScriptText.Decoded d = ScriptText.decode(file);
            if (d.text() == null) {
                notUtf8.add(relative + ": " + d.problem());
                continue;
            }
            MigrationName n = name.get();
            byVersion.computeIfAbsent(n.version(), v -> new ArrayList<>())
                    .add(new ResolvedScript(n.version(), n.description(), relative, file, n.type(), d.text(), Checksums.of(d.text())));
        }
        List<String> problems = new ArrayList<>();
        if (!walk.clean()) {
            problems.add(FolderWalk.describe(folder, walk.problems()));
        }
        if (!notUtf8.isEmpty()) {
            problems.add(notUtf8(notUtf8));
        }
        refuse(problems, misnamed, byVersion);
        return byVersion.values().stream().map(l -> l.get(0))
                .sorted(Comparator.comparing(ResolvedScript::version)).toList();
    }

    private void requireFolder() {
        if (Files.isDirectory(folder)) {
            return;
        }
        if (Files.isSymbolicLink(folder)) {
            throw new ConfigurationException("The migrations folder " + folder + " is a symbolic link to " + target(folder)
                    + ", which does not exist. Point the link at the folder that holds your scripts, or point --migrations "
                    + "(MIGRUN_MIGRATIONS, or migrations: in migrun.yml) there.");
        }
        throw new ConfigurationException("The migrations folder " + folder + " does not exist. "
                + "Create it, or point --migrations (MIGRUN_MIGRATIONS, or migrations: in migrun.yml) to the folder that holds your scripts.");
    }

    /** Throws one {@link ValidationException} with every problem found, misnamed files and duplicate versions after the others. */
    private void refuse(List<String> problems, List<String> misnamed, Map<MigrationVersion, List<ResolvedScript>> byVersion) {
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
    }

    private String relative(Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }

    /** Names the files of this folder that are not UTF-8, with the command that converts the first. */
    private String notUtf8(List<String> entries) {
        return ScriptText.notUtf8(folder, entries, folder.resolve(entries.get(0).substring(0, entries.get(0).indexOf(": "))));
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "an unreadable target";
        }
    }
}
