package io.migrun.process

import io.migrun.support.Cli
import io.migrun.support.CliResult
import io.migrun.support.FreshDatabase
import io.migrun.support.MigrationFolder
import io.migrun.support.TestPostgres
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.nio.file.attribute.FileTime

/**
 * The {@code migrun} launcher at the repository root, run as a user runs it, on a copy of the
 * checkout (so its builds leave this build's classes alone): it builds the runner once, rebuilds
 * it when a source changes, and works through a symbolic link on PATH from another folder.
 */
class LauncherSpec extends Specification {

    static final String BUILDING = 'Building migrun (first run, or its sources changed)...\n'

    @TempDir
    Path tmp

    FreshDatabase db = TestPostgres.fresh()
    Path checkout
    Path bin
    Path work

    def setup() {
        checkout = tmp.resolve('checkout')
        copyCheckout(repositoryRoot(), checkout)
        bin = Files.createDirectories(tmp.resolve('bin'))
        Files.createSymbolicLink(bin.resolve('migrun'), Path.of('../checkout/migrun'))
        work = tmp.resolve('work')
        new MigrationFolder(work).write('V1__things.sql', 'CREATE TABLE things (id int PRIMARY KEY);')
    }

    /** The folder holding the launcher: the parent of the module the specs run in. */
    static Path repositoryRoot() {
        Path dir = Path.of('').toAbsolutePath()
        while (dir != null && !(Files.isRegularFile(dir.resolve('migrun')) && Files.isRegularFile(dir.resolve('migrun-cli/pom.xml')))) {
            dir = dir.parent
        }
        assert dir != null: "no migrun launcher above ${Path.of('').toAbsolutePath()}"
        dir
    }

    /** What the launcher builds from: the launcher, the Maven wrapper, every module's POM and main sources; no build output. */
    static void copyCheckout(Path from, Path to) {
        ['migrun', 'mvnw', '.mvn/wrapper/maven-wrapper.properties', 'pom.xml'].each { copy(from.resolve(it), to.resolve(it)) }
        Files.list(from).withCloseable { it.filter { Files.isRegularFile(it.resolve('pom.xml')) }.toList() }.each { Path module ->
            copy(module.resolve('pom.xml'), to.resolve(module.fileName.toString()).resolve('pom.xml'))
            Path sources = module.resolve('src/main')
            if (Files.isDirectory(sources)) {
                Files.walk(sources).withCloseable { paths ->
                    paths.filter { Files.isRegularFile(it) }.forEach { copy(it, to.resolve(from.relativize(it).toString())) }
                }
            }
        }
    }

    static void copy(Path from, Path to) {
        Files.createDirectories(to.parent)
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES)
    }

    /** Runs {@code migrun args} in {@code dir} as a shell finds it: {@code command} looked up on a PATH that starts with the link's folder. */
    CliResult shell(Path dir, String command, String... args) {
        def pb = new ProcessBuilder(['bash', '-c', command + ' "$@"', 'migrun'] + args.toList()).directory(dir.toFile())
        pb.environment().keySet().removeIf { it.startsWith('MIGRUN_') || it == 'DATABASE_URL' }
        pb.environment().putAll(db.env() + [PATH: "${bin}:${System.getenv('PATH')}".toString()])
        Cli.finish(pb.start(), 600)
    }

    FileTime modified(String path) {
        Files.getLastModifiedTime(checkout.resolve(path))
    }

    def "the launcher builds once, runs through a symbolic link on PATH from another folder, and rebuilds when a source changes"() {
        when: 'the first run, through the link on PATH, from a folder outside the checkout'
        CliResult first = shell(work, 'migrun', 'status')

        then: 'it built the runner and ran it in the caller folder'
        first.exitCode == 0
        first.err == BUILDING
        first.out.readLines()[2] ==~ /1 +things +pending */
        Files.isRegularFile(checkout.resolve('migrun-cli/target/migrun.jar'))

        when: 'it runs again, through the link and from the checkout itself'
        FileTime built = modified('migrun-cli/target/migrun.jar')
        CliResult second = shell(work, 'migrun', 'up')
        CliResult direct = shell(checkout, './migrun', '--version')

        then: 'nothing was built again'
        second.exitCode == 0
        second.err == ''
        second.out.readLines()[0] ==~ /Applied V1 things \(\d+ ms\)/
        db.value("SELECT state FROM _migrationlog WHERE version = '1'") == 'succeeded'
        direct.exitCode == 0
        direct.err == ''
        direct.out == 'migrun 0.1.0-SNAPSHOT\n'
        modified('migrun-cli/target/migrun.jar') == built

        when: 'a source changes (its time set past the jar, so no clock granularity can hide it)'
        Path source = checkout.resolve('migrun-cli/src/main/java/io/migrun/cli/Warmup.java')
        source.text = source.text + '// changed\n'
        Files.setLastModifiedTime(source, FileTime.fromMillis(built.toMillis() + 2000))
        CliResult rebuilt = shell(work, 'migrun', '--version')

        then:
        rebuilt.exitCode == 0
        rebuilt.err == BUILDING
        rebuilt.out == 'migrun 0.1.0-SNAPSHOT\n'
        modified('migrun-cli/target/migrun.jar') > built
    }
}
