package io.migrun.load;

import io.migrun.MigrationVersion;

import java.nio.file.Path;

/**
 * A migration file found in the folder: named correctly, read and checksummed, not compiled.
 *
 * @param version     from the file name
 * @param description from the file name, underscores as spaces
 * @param name        the path relative to the migrations folder, with forward slashes
 * @param path        the file
 * @param type        Groovy or SQL
 * @param text        the file's text, BOM removed
 * @param checksum    {@code sha256:<hex>} of the normalised text
 */
public record ResolvedScript(MigrationVersion version, String description, String name, Path path,
                             ScriptType type, String text, String checksum) {
}
