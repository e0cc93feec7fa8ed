package io.migrun.spring.boot;

import io.migrun.ConfigurationException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Turns {@code migrun.locations} into the folder migrun reads: a file-system path as it is, a
 * {@code classpath:} folder that is a directory on disk (an IDE, a test) as that directory, and one
 * inside a jar (the application's jar) copied into a new temporary folder, deleted when the JVM ends.
 */
final class MigrationsLocation {

    static final String CLASSPATH = "classpath:";

    private MigrationsLocation() {
    }

    static Path resolve(String location, ResourceLoader loader) {
        if (location == null || location.isBlank()) {
            throw new ConfigurationException("migrun.locations is empty; expected the migrations folder: "
                    + "a file-system path such as migrations, or classpath:db/migrations");
        }
        if (!location.startsWith(CLASSPATH)) {
            return existing(Path.of(location));
        }
        Resource folder = loader.getResource(location);
        if (!folder.exists()) {
            throw new ConfigurationException("migrun.locations=" + location + " is not on the class path; "
                    + "expected a folder of migrations there, or set migrun.locations to a file-system path");
        }
        try {
            if (folder.isFile() && Files.isDirectory(folder.getFile().toPath())) {
                return folder.getFile().toPath();
            }
            return copied(location, folder, loader);
        } catch (IOException e) {
            throw new ConfigurationException("migrun could not read migrun.locations=" + location + ": " + e.getMessage()
                    + ". Check that the folder is readable, or point migrun.locations at another one.", e);
        }
    }

    /** Named here, not by migrun's own check, whose advice names the command line's settings. */
    private static Path existing(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ConfigurationException("The migrations folder " + folder + " (migrun.locations) does not exist. "
                    + "Create it, or set migrun.locations to the folder that holds your scripts: a file-system path, "
                    + "or classpath:db/migrations for one on the class path.");
        }
        return folder;
    }

    /** The files under {@code folder} (in a jar) in a new temporary folder, at the same relative paths. */
    private static Path copied(String location, Resource folder, ResourceLoader loader) throws IOException {
        String root = folder.getURL().toString().replaceAll("/*$", "/");
        Resource[] found = ResourcePatternUtils.getResourcePatternResolver(loader).getResources(root + "**");
        Path target = Files.createTempDirectory("migrun-migrations-");
        target.toFile().deleteOnExit();
        int copied = 0;
        for (Resource resource : found) {
            String url = resource.getURL().toString();
            if (url.endsWith("/") || !url.startsWith(root) || !resource.isReadable()) {
                continue;
            }
            copy(resource, target.resolve(url.substring(root.length())));
            copied++;
        }
        if (copied == 0) {
            throw new ConfigurationException("migrun.locations=" + location + " (" + root + ") holds no files; "
                    + "expected the migration scripts there");
        }
        return target;
    }

    private static void copy(Resource resource, Path file) throws IOException {
        // deleteOnExit deletes in the reverse order of the calls: each folder before its parent
        Deque<Path> missing = new ArrayDeque<>();
        for (Path dir = file.getParent(); !Files.isDirectory(dir); dir = dir.getParent()) {
            missing.push(dir);
        }
        for (Path dir : missing) {
            Files.createDirectory(dir);
            dir.toFile().deleteOnExit();
        }
        File written = file.toFile();
        written.deleteOnExit();
        try (InputStream in = resource.getInputStream()) {
            Files.copy(in, file);
        }
    }
}
