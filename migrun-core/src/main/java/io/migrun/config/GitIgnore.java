package io.migrun.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a folder lies in a git working tree, and whether that tree ignores it, found by reading
 * files rather than running git: the answer must not depend on git being installed, and the
 * embedded database's first start must not wait for a process. Stateless.
 *
 * <p>A working tree is a folder holding {@code .git} (a folder, or a file as in linked worktrees and
 * submodules). The ignore rules read are those of the {@code .gitignore} files from the folder's
 * parent up to the working tree's root, and of {@code .git/info/exclude}; the last line that matches
 * wins, deeper files over higher ones, and a line starting with {@code !} un-ignores. A line
 * matches the folder {@code .migrun} when it is its name ({@code .migrun}, {@code .migrun/},
 * {@code **}{@code /.migrun}), its path from the {@code .gitignore}'s folder ({@code /.migrun/},
 * {@code sub/.migrun}), or either followed by {@code /*} or {@code /**}. Other wildcards, a parent
 * folder that is ignored, and git's global excludes file are not read: at worst a folder git
 * ignores is reported as not ignored.
 */
public final class GitIgnore {

    private GitIgnore() {
    }

    /** The root of the git working tree that holds {@code path} (which need not exist yet), if any. */
    public static Optional<Path> workTree(Path path) {
        for (Path p = path.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** True when the working tree whose root is {@code root} ignores {@code folder}, a folder inside it, by the rules above. */
    public static boolean ignores(Path root, Path folder) {
        Path target = folder.toAbsolutePath().normalize();
        Path top = root.toAbsolutePath().normalize();
        List<Path> ancestors = new ArrayList<>();
        for (Path p = target.getParent(); p != null && p.startsWith(top); p = p.getParent()) {
            ancestors.add(0, p);
        }
        Boolean ignored = verdict(top.resolve(".git").resolve("info").resolve("exclude"), top, target, null);
        for (Path dir : ancestors) {
            ignored = verdict(dir.resolve(".gitignore"), dir, target, ignored);
        }
        return Boolean.TRUE.equals(ignored);
    }

    /**
     * Adds {@code line} to the {@code .gitignore} of {@code dir}, on a line of its own, creating the file when it is missing.
     *
     * @return true when the file was created
     */
    static boolean append(Path dir, String line) throws IOException {
        Path file = dir.resolve(".gitignore");
        boolean created = !Files.exists(file);
        byte[] before = created ? new byte[0] : Files.readAllBytes(file);
        String prefix = before.length == 0 || before[before.length - 1] == '\n' ? "" : "\n";
        Files.writeString(file, prefix + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return created;
    }

    /** What the lines of {@code file} (patterns relative to {@code base}) say of {@code target}: the last match, else {@code before}. */
    private static Boolean verdict(Path file, Path base, Path target, Boolean before) {
        if (!Files.isRegularFile(file)) {
            return before;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return before; // an unreadable or non-UTF-8 file: git's verdict is unknown, so this one adds none
        }
        String relative = base.relativize(target).toString().replace('\\', '/');
        Boolean verdict = before;
        for (String raw : lines) {
            String line = raw.strip();
            boolean negated = line.startsWith("!");
            if (matches(negated ? line.substring(1) : line, relative)) {
                verdict = !negated;
            }
        }
        return verdict;
    }

    private static boolean matches(String pattern, String relative) {
        if (pattern.isEmpty() || pattern.startsWith("#")) {
            return false;
        }
        String p = pattern;
        for (String tail : List.of("/**", "/*", "/")) {
            if (p.endsWith(tail)) {
                p = p.substring(0, p.length() - tail.length());
                break;
            }
        }
        boolean anyDepth = p.startsWith("**/");
        if (anyDepth) {
            p = p.substring(3);
        } else if (p.startsWith("/")) {
            return relative.equals(p.substring(1));
        }
        // a slash left inside anchors the pattern to the .gitignore's folder, as in git
        if (p.isEmpty() || !anyDepth && p.contains("/")) {
            return relative.equals(p);
        }
        return relative.equals(p) || relative.endsWith("/" + p);
    }
}
