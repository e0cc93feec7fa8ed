package io.migrun.internal.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The files of a folder and its sub-folders, hidden ones skipped, following symbolic links (the
 * folder itself may be one). A link that points nowhere, and a link back to a folder it is inside
 * (which would make the walk endless), are collected as problems rather than silently skipped.
 *
 * @param files    regular files, sorted, as paths under the folder (through links, not resolved)
 * @param problems one line per broken link or loop, ready to list
 */
public record FolderWalk(List<Path> files, List<String> problems) {

    static FolderWalk of(Path folder) {
        Visitor visitor = new Visitor(folder);
        try {
            Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, visitor);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
        visitor.files.sort(null);
        visitor.problems.sort(null);
        return new FolderWalk(visitor.files, visitor.problems);
    }

    /** Collects regular files; a broken link comes as a file with the link's own attributes, a loop as a failure. */
    private static final class Visitor extends SimpleFileVisitor<Path> {

        private final Path folder;
        private final List<Path> files = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();

        Visitor(Path folder) {
            this.folder = folder;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(folder) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (hidden(file)) {
                return FileVisitResult.CONTINUE;
            }
            if (attrs.isSymbolicLink()) {
                problems.add(name(folder, file) + " -> " + target(file) + ": a symbolic link to nothing (no such file or folder)");
            } else if (attrs.isRegularFile()) {
                files.add(file);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (!(e instanceof FileSystemLoopException)) {
                throw e;
            }
            if (!hidden(file)) {
                problems.add(name(folder, file) + " -> " + target(file) + ": a symbolic link back to a folder it is inside, "
                        + "so following it would never end");
            }
            return FileVisitResult.CONTINUE;
        }
    }

    /** A walk in which every link points somewhere and none leads back. */
    boolean clean() {
        return problems.isEmpty();
    }

    /** The message listing every broken link and loop, with the fix. */
    static String describe(Path folder, List<String> problems) {
        return "Symbolic links in " + folder + " that cannot be followed:\n  " + String.join("\n  ", problems)
                + "\nPoint each link at an existing file or folder outside the link's own folder tree, or remove it.";
    }

    private static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }

    private static String name(Path folder, Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "(unreadable link)";
        }
    }
}
