package io.migrun.config;

import io.migrun.ConfigurationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code migrun init}: makes a folder a migrun project. It creates the migrations folder, a
 * {@code migrun.yml} with every setting commented out ({@link InitTemplate}) and, in a git working
 * tree, a {@code .gitignore} line for the embedded database's {@code .migrun/}. Idempotent, as
 * dbmate's and Flyway's users expect: what exists already is left as it is, said so, and the rest
 * is done; running it twice changes nothing. Needs no database. Stateless.
 */
public final class ProjectInit {

    private ProjectInit() {
    }

    /**
     * Sets up {@code workDir} with the migrations folder {@code folder} (relative to it, or absolute;
     * null for {@code migrations}), handing {@code report} one line per thing created or left alone, as it goes.
     *
     * @throws ConfigurationException when {@code folder} is empty or names a file that is not a folder (then nothing
     *                                is created), or when a file cannot be written (what was reported is done)
     */
    public static void init(Path workDir, String folder, Consumer<String> report) {
        String name = folder == null ? ConfigLoader.DEFAULT_MIGRATIONS : strip(folder);
        if (name.isEmpty()) {
            throw new ConfigurationException("The migrations folder given to migrun init is empty; give a folder such as db/migrations, or none for migrations.");
        }
        Path migrations = workDir.resolve(name).normalize();
        if (Files.exists(migrations, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(migrations)) {
            throw new ConfigurationException(migrations + " exists and is not a folder; nothing was created. "
                    + "Move it away, or give migrun init another folder for the migrations, e.g. migrun init db/migrations.");
        }
        report.accept(configFile(workDir.resolve(ConfigLoader.DEFAULT_FILE), name));
        report.accept(migrationsFolder(migrations, name));
        report.accept(gitIgnore(workDir));
    }

    private static String configFile(Path file, String folder) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return ConfigLoader.DEFAULT_FILE + " exists; left as it is"
                    + (folder.equals(ConfigLoader.DEFAULT_MIGRATIONS) ? "." : " (check that its migrations: names " + folder + ").");
        }
        try {
            Files.writeString(file, InitTemplate.text(folder), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
        return "Created " + ConfigLoader.DEFAULT_FILE + " with every setting commented out"
                + (folder.equals(ConfigLoader.DEFAULT_MIGRATIONS) ? "." : " but migrations: " + folder + ".");
    }

    private static String migrationsFolder(Path migrations, String name) {
        if (Files.isDirectory(migrations)) {
            return name + "/ exists; left as it is.";
        }
        try {
            Files.createDirectories(migrations);
        } catch (IOException e) {
            throw cannotWrite(migrations, e);
        }
        return "Created " + name + "/ for the migrations; migrun new \"create users\" writes the first one.";
    }

    private static String gitIgnore(Path workDir) {
        String entry = ConfigLoader.DATA_FOLDER + "/";
        Optional<Path> root = GitIgnore.workTree(workDir);
        if (root.isEmpty()) {
            return "Not in a git working tree; no .gitignore written.";
        }
        if (GitIgnore.ignores(root.get(), workDir.resolve(ConfigLoader.DATA_FOLDER))) {
            return entry + " (the embedded PostgreSQL's data) is ignored by git already.";
        }
        String what = entry + " (the embedded PostgreSQL's data)";
        try {
            return GitIgnore.append(workDir, entry) ? "Created .gitignore with " + what + "." : "Added " + what + " to .gitignore.";
        } catch (IOException e) {
            throw cannotWrite(workDir.resolve(".gitignore"), e);
        }
    }

    private static ConfigurationException cannotWrite(Path path, IOException e) {
        return new ConfigurationException("Cannot write " + path + " (" + e + "). Check that its folder is writable, then run migrun init again.", e);
    }

    /** The folder as given, without trailing separators. */
    private static String strip(String folder) {
        String s = folder.strip();
        while (s.length() > 1 && (s.endsWith("/") || s.endsWith("\\"))) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
