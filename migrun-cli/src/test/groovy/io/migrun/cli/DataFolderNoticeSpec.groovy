package io.migrun.cli

import io.migrun.config.GitIgnore
import io.migrun.support.Cli
import io.migrun.support.MigrationFolder
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** The embedded PostgreSQL's data folder, .migrun/, created inside a git working tree. */
class DataFolderNoticeSpec extends Specification {

    @TempDir
    Path dir

    def "up says once that the .migrun/ it created is not ignored by the git working tree around it"() {
        given:
        Files.createDirectories(dir.resolve('.git'))
        Path project = dir.resolve('app')
        new MigrationFolder(project).write('V1__t.sql', 'CREATE TABLE t (v int);')

        when:
        def first = Cli.run(project, [:], 'up')
        def second = Cli.run(project, [:], 'up')

        then:
        first.exitCode == 0
        first.out.readLines()[0].startsWith('Using the embedded PostgreSQL (created now) with its data in ')
        first.out.readLines()[1] == "Created ${project.resolve('.migrun')}/ for the embedded PostgreSQL's data, inside the git working tree ${dir}, " +
                "which does not ignore it. To keep it out of commits: echo .migrun/ >> ${project.resolve('.gitignore')} (or migrun init)."
        first.out.readLines()[2] ==~ /Applied V1 t \(\d+ ms\)/
        second.exitCode == 0
        second.out.readLines().size() == 2
        !second.out.contains('git')
    }

    def "no notice when #situation"() {
        given:
        if (git) {
            Files.createDirectories(dir.resolve('.git'))
        }
        if (ignore) {
            dir.resolve('.gitignore').text = ignore
        }
        new MigrationFolder(dir).write('V1__t.sql', 'CREATE TABLE t (v int);')
        assert GitIgnore.workTree(dir).present == git

        when:
        def r = Cli.run(dir, [:], 'up')

        then:
        r.exitCode == 0
        r.out.readLines().size() == 3
        r.out.readLines()[0].startsWith('Using the embedded PostgreSQL (created now) with its data in ')
        r.out.readLines()[1] ==~ /Applied V1 t \(\d+ ms\)/

        where:
        situation                       | git   | ignore
        'the working tree ignores it'   | true  | 'target/\n.migrun/\n'
        'there is no git working tree'  | false | null
    }
}
