package io.migrun.internal.database;

import io.migrun.config.GitIgnore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Looks, before the embedded PostgreSQL starts, at the folder its data will be created in
 * ({@code .migrun/}): created inside a git working tree that does not ignore it, its data would
 * show up in {@code git status} and could be committed. Only a folder about to be created is
 * looked at, so the notice comes once, on the run that creates it. Stateless.
 */
final class DataFolderCheck {

    private DataFolderCheck() {
    }

    /**
     * The notice to give once the server has created the folder that holds {@code dataDir}, or empty
     * when that folder exists already, lies in no git working tree, or is ignored there (as {@link GitIgnore} reads the rules).
     */
    static Optional<String> unignored(Path dataDir) {
        Path folder = dataDir.toAbsolutePath().normalize().getParent();
        if (folder == null || folder.getParent() == null || Files.exists(folder)) {
            return Optional.empty();
        }
        Optional<Path> root = GitIgnore.workTree(folder);
        if (root.isEmpty() || GitIgnore.ignores(root.get(), folder)) {
            return Optional.empty();
        }
        return Optional.of("Created " + folder + "/ for the embedded PostgreSQL's data, inside the git working tree " + root.get()
                + ", which does not ignore it. To keep it out of commits: echo " + folder.getFileName() + "/ >> "
                + folder.resolveSibling(".gitignore") + " (or migrun init).");
    }
}
