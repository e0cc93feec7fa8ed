package io.migrun.process

import io.migrun.support.Cli
import io.migrun.support.CliResult
import io.migrun.support.FreshDatabase
import io.migrun.support.MigrationFolder
import io.migrun.support.TestPostgres
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.zip.ZipFile

/**
 * The distribution that {@code mvn package} builds, used as a new user uses it: unpacked into a
 * folder of its own, {@code bin/migrun} linked onto a PATH, run from a project in another folder.
 * Runs after the package phase (failsafe), on the archives in {@code target}.
 */
class DistributionIT extends Specification {

    static final String BASE = System.getProperty('migrun.distribution')
    static final String VERSION = Path.of(BASE).fileName.toString() - 'migrun-'
    static final String TOP = "migrun-${VERSION}/"

    @Shared
    Path tarGz = Path.of(BASE + '.tar.gz')

    @Shared
    Path zip = Path.of(BASE + '.zip')

    @TempDir
    Path tmp

    FreshDatabase db = TestPostgres.fresh()

    def "the tar.gz and the zip hold the same files: both launchers, an example migrun.yml, the runner's jars with one logging binding, binaries for five platforms, nothing for tests"() {
        when:
        List<String> inTar = run(tmp, 'tar', '-tzf', tarGz.toString()).out.readLines().findAll { !it.endsWith('/') }.sort()
        List<String> inZip = new ZipFile(zip.toFile()).withCloseable { z -> z.entries().toList()*.name.findAll { !it.endsWith('/') }.sort() }
        List<String> jars = inTar.findAll { it.startsWith(TOP + 'lib/') }.collect { it - (TOP + 'lib/') }

        then:
        inTar == inZip
        inTar.findAll { !it.startsWith(TOP + 'lib/') } == [TOP + 'bin/migrun', TOP + 'bin/migrun.cmd', TOP + 'migrun.yml']
        jars.containsAll(["migrun-cli-${VERSION}.jar", "migrun-core-${VERSION}.jar", "migrun-embedded-${VERSION}.jar"]*.toString())
        jars.findAll { it.startsWith('slf4j-') } == ['slf4j-api-2.0.20.jar', 'slf4j-nop-2.0.20.jar']
        jars.findAll { it.startsWith('embedded-postgres-binaries-') }.collect { it.replaceAll(/-\d[\d.]*\.jar$/, '') - 'embedded-postgres-binaries-' }.sort() ==
                ['darwin-amd64', 'darwin-arm64v8', 'linux-amd64', 'linux-amd64-alpine', 'linux-arm64v8', 'windows-amd64']
        jars.findAll { it =~ /^(spock|junit|groovy-nio|mockwebserver|hamcrest)/ } == []
    }

    @Requires({ DistributionIT.canMakeReadOnly() })
    def "unpacked into a read-only folder and linked onto PATH, it applies a project's migrations from another folder and keeps its start-up archive in the user's cache"() {
        given:
        Path install = unpackTarGz()
        readOnly(install.resolve('lib'), true)
        Path bin = linkOntoPath(install)
        Path project = project()
        Map<String, String> env = db.env() + [PATH: "${bin}:${System.getenv('PATH')}".toString(), HOME: tmp.resolve('home').toString()]

        when:
        CliResult up = migrun(project, env, 'up')
        CliResult again = migrun(project, env, 'up')
        CliResult version = migrun(project, env, '--version')

        then:
        up.exitCode == 0
        up.err == ''
        up.out.readLines()[0] ==~ /Applied V1 create things \(\d+ ms\)/
        up.out.readLines()[1] ==~ /Applied V2 name things \(\d+ ms\)/
        again.out == 'Database is up to date at version 2; nothing to apply.\n'
        version.out == "migrun ${VERSION}\n"
        db.rows('SELECT id, name FROM things ORDER BY id') == [[id: 1, name: 'one']]
        archives(tmp.resolve('home/.cache/migrun')).size() == 1
        archives(install.resolve('lib')) == []

        cleanup:
        readOnly(install.resolve('lib'), false)
    }

    def "unpacked from the zip, with no URL set, it starts the embedded PostgreSQL from its own jars"() {
        given:
        run(tmp, 'unzip', '-q', zip.toString(), '-d', tmp.resolve('install').toString())
        Path bin = linkOntoPath(tmp.resolve('install').resolve(TOP))
        Path project = project()
        Map<String, String> env = [PATH: "${bin}:${System.getenv('PATH')}".toString(), HOME: tmp.resolve('home').toString()]

        when:
        CliResult up = migrun(project, env, 'up')

        then:
        up.exitCode == 0
        up.err == ''
        up.out.readLines()[0] == 'Using the embedded PostgreSQL (created now) with its data in .migrun/postgres; set --url, MIGRUN_URL or DATABASE_URL to use another database.'
        up.out.readLines()[1] ==~ /Applied V1 create things \(\d+ ms\)/
        Files.exists(project.resolve('.migrun/postgres/PG_VERSION'))
        archives(tmp.resolve("install/${TOP}lib")).size() == 1
    }

    /** Runs {@code migrun args} as a shell finds it: looked up on the PATH of {@code env}. */
    static CliResult migrun(Path dir, Map<String, String> env, String... args) {
        run(dir, env, *(['bash', '-c', 'migrun "$@"', 'migrun'] + args.toList()))
    }

    /** The class-data-sharing archives below {@code dir}. */
    static List<Path> archives(Path dir) {
        Files.walk(dir).withCloseable { it.filter { it.fileName.toString() ==~ /migrun-\d+\.jsa/ }.toList() }
    }

    Path unpackTarGz() {
        Files.createDirectories(tmp.resolve('install'))
        run(tmp, 'tar', '-xzf', tarGz.toString(), '-C', tmp.resolve('install').toString())
        tmp.resolve('install').resolve(TOP)
    }

    Path linkOntoPath(Path install) {
        Path bin = Files.createDirectories(tmp.resolve('bin'))
        Files.createSymbolicLink(bin.resolve('migrun'), install.resolve('bin/migrun'))
        bin
    }

    Path project() {
        Path project = tmp.resolve('project')
        new MigrationFolder(project).write('V1__create_things.sql', 'CREATE TABLE things (id int PRIMARY KEY, name text);')
        new MigrationFolder(project).write('V2__name_things.groovy', "up { sql.execute \"INSERT INTO things VALUES (1, 'one')\" }\n")
        project
    }

    /** Root ignores file modes; the immutable attribute holds for root too. */
    static boolean canMakeReadOnly() {
        Path probe = Files.createTempDirectory('migrun-ro')
        try {
            readOnly(probe, true)
            boolean refused = !probe.toFile().canWrite()
            readOnly(probe, false)
            refused
        } catch (AssertionError | IOException ignored) {
            false
        } finally {
            Files.deleteIfExists(probe)
        }
    }

    static void readOnly(Path dir, boolean on) {
        boolean root = 'root' == System.getProperty('user.name')
        List<String> command = root ? ['chattr', on ? '+i' : '-i', dir.toString()] : ['chmod', on ? 'a-w' : 'u+w', dir.toString()]
        CliResult r = run(dir.parent, [:], *command)
        assert r.exitCode == 0: r.err
    }

    static CliResult run(Path dir, String... command) {
        run(dir, [:], command)
    }

    static CliResult run(Path dir, Map<String, String> env, String... command) {
        def pb = new ProcessBuilder(command.toList()).directory(dir.toFile())
        pb.environment().keySet().removeIf { it.startsWith('MIGRUN_') || it == 'DATABASE_URL' || it == 'JAVA_TOOL_OPTIONS' }
        pb.environment().putAll(env)
        Cli.finish(pb.start(), 300)
    }
}
