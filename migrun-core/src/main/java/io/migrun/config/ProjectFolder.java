package io.migrun.config;

import io.migrun.ConfigurationException;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether the working directory of a command holds a migrun project: a {@code migrun.yml} or a
 * {@code migrations} folder. A command run from the wrong folder should say where it looked rather
 * than report an empty project, or start an empty embedded PostgreSQL there. Stateless.
 */
public final class ProjectFolder {

    /** What a command needs of the working directory. */
    public enum Needs {
        /** The migrations (up, status, down…): refused without a project, whatever the database. */
        MIGRATIONS,
        /** Only the log (history, backups, errors): refused without a project only when it would start the embedded PostgreSQL, which would be empty. */
        LOG,
        /** Nothing (run, new): never refused. */
        NOTHING
    }

    private ProjectFolder() {
    }

    /**
     * Throws a {@link ConfigurationException} that names the folder looked in, what was expected and
     * the fixes, when the command {@code needs} a project and {@code workDir} has neither a
     * {@code migrun.yml} nor a {@code migrations} folder. A configuration file or migrations folder
     * named by a flag or the environment counts as a project: whether it exists is checked where it
     * is read, with a message about that file or folder.
     *
     * @param flags settings given on the command line, as for {@link ConfigLoader#load}
     */
    public static void require(Needs needs, Map<String, String> flags, Map<String, String> environment, Path workDir) {
        if (needs == Needs.NOTHING || given(flags, environment, "config", "MIGRUN_CONFIG")
                || given(flags, environment, "migrations", ConfigLoader.ENVIRONMENT_NAMES.get("migrations"))) {
            return;
        }
        Path dir = workDir.toAbsolutePath().normalize();
        // a migrations entry that is a broken link is a project whose link the scanner explains
        if (Files.exists(dir.resolve(ConfigLoader.DEFAULT_FILE)) || Files.exists(dir.resolve(ConfigLoader.DEFAULT_MIGRATIONS), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (needs == Needs.LOG && (given(flags, environment, "url", "MIGRUN_URL") || environment.get("DATABASE_URL") != null)) {
            return;
        }
        throw new ConfigurationException("No migrun project in " + dir + ": found neither a migrations folder ("
                + ConfigLoader.DEFAULT_MIGRATIONS + "/) nor a " + ConfigLoader.DEFAULT_FILE + " there. Run migrun init to create them, "
                + "give the folder with --migrations DIR, or run migrun from the project's folder.");
    }

    private static boolean given(Map<String, String> flags, Map<String, String> environment, String flag, String variable) {
        return flags.get(flag) != null || environment.get(variable) != null;
    }
}
