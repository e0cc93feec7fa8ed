package io.migrun.spring.boot;

import io.migrun.ConfigurationException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns {@code migrun.locations} into the folder migrun reads. migrun reads migrations from a
 * folder on disk, so a {@code classpath:} location must be a directory of the class path (as in an
 * IDE, a test or an exploded image); one inside a jar is refused with what to set instead.
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
            return Path.of(location);
        }
        Resource resource = loader.getResource(location);
        if (!resource.exists()) {
            throw new ConfigurationException("migrun.locations=" + location + " is not on the class path; "
                    + "expected a folder of migrations there, or set migrun.locations to a file-system path");
        }
        return folderOf(location, resource);
    }

    private static Path folderOf(String location, Resource resource) {
        try {
            if (resource.isFile() && Files.isDirectory(resource.getFile().toPath())) {
                return resource.getFile().toPath();
            }
            throw notAFolder(location, resource.getURL().toString());
        } catch (IOException e) {
            throw notAFolder(location, e.getMessage());
        }
    }

    private static ConfigurationException notAFolder(String location, String found) {
        return new ConfigurationException("migrun.locations=" + location + " is " + found
                + ", not a folder on disk; migrun reads migrations from a folder: set migrun.locations "
                + "to a file-system path (e.g. copy the migrations into the image next to the jar) or to "
                + "classpath:folder where the class path is a directory");
    }
}
