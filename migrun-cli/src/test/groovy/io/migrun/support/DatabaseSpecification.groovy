package io.migrun.support

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** A spec with its own work directory, migrations folder and fresh database, and the CLI run in-process against them. */
abstract class DatabaseSpecification extends Specification {

    @TempDir
    Path dir

    FreshDatabase db = TestPostgres.fresh()
    MigrationFolder folder

    def setup() {
        folder = new MigrationFolder(dir)
    }

    /** Runs {@code migrun args} in this JVM, connected to this spec's database as the password-protected role. */
    CliResult migrun(String... args) {
        Cli.run(dir, db.env(), args)
    }
}
