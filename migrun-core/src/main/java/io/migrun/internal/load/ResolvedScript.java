package io.migrun.internal.load;

import io.migrun.MigrationVersion;

import java.nio.file.Path;

/**
 * A script found in a folder: named correctly, read and checksummed, not compiled.
 *
 * @param version     from the file name; null for repeatable and ad-hoc scripts
 * @param description from the file name, underscores as spaces
 * @param name        the path relative to its folder, with forward slashes
 * @param path        the file
 * @param type        Groovy or SQL
 * @param text        the file's text, BOM removed
 * @param checksum    {@code sha256:<hex>} of the normalised text
 * @param role        versioned migration, repeatable script or ad-hoc script
 */
public record ResolvedScript(MigrationVersion version, String description, String name, Path path,
                             ScriptType type, String text, String checksum, Role role) {

    /** What a script is for. */
    public enum Role {
        /** {@code V<version>__<words>}: applied once, in version order. */
        VERSIONED,
        /** {@code R__<words>}: run after the versioned ones whenever its checksum changes. */
        REPEATABLE,
        /** A script in {@code scripts/}, run with {@code migrun run}. */
        AD_HOC
    }

    /** A versioned migration. */
    public ResolvedScript(MigrationVersion version, String description, String name, Path path, ScriptType type, String text, String checksum) {
        this(version, description, name, path, type, text, checksum, Role.VERSIONED);
    }

    /** How messages name the script: {@code V3}, or its file name for one without a version. */
    public String label() {
        return version != null ? "V" + version : name;
    }

    public boolean adHoc() {
        return role == Role.AD_HOC;
    }
}
