package io.migrun.support

import java.nio.file.Files
import java.nio.file.Path

/** A work directory with a {@code migrations} folder that specs fill file by file. */
class MigrationFolder {

    final Path workDir
    final Path migrations

    MigrationFolder(Path workDir) {
        this.workDir = workDir
        this.migrations = workDir.resolve('migrations')
        Files.createDirectories(migrations)
    }

    MigrationFolder write(String name, String text) {
        Path file = migrations.resolve(name)
        Files.createDirectories(file.parent)
        file.text = text.stripIndent()
        this
    }

    Path file(String name) {
        migrations.resolve(name)
    }
}
