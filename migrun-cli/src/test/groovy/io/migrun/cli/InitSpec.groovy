package io.migrun.cli

import io.migrun.config.ConfigLoader
import io.migrun.config.HelperSettings
import io.migrun.support.Cli
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

class InitSpec extends Specification {

    @TempDir
    Path dir

    static final String YML_CREATED = 'Created migrun.yml with every setting commented out.'
    static final String FOLDER_CREATED = 'Created migrations/ for the migrations; migrun new "create users" writes the first one.'

    def "init outside git creates migrations/ and a migrun.yml, says what it did and needs no database"() {
        when:
        def r = Cli.run(dir, [MIGRUN_URL: 'jdbc:postgresql://127.0.0.1:1/unreachable'], 'init')

        then:
        r.exitCode == 0
        r.err == ''
        r.out.readLines() == [YML_CREATED, FOLDER_CREATED, 'Not in a git working tree; no .gitignore written.']
        Files.isDirectory(dir.resolve('migrations'))
        Files.isRegularFile(dir.resolve('migrun.yml'))
        !Files.exists(dir.resolve('.gitignore'))
        !Files.exists(dir.resolve('.migrun'))
    }

    def "the distribution's example migrun.yml is the one init writes"() {
        when:
        Cli.run(dir, [:], 'init')

        then:
        Path.of(System.getProperty('basedir', '.')).resolve('src/dist/migrun.yml').text == dir.resolve('migrun.yml').text
    }

    def "the migrun.yml init writes parses and yields the defaults"() {
        given:
        def without = ConfigLoader.load([:], [:], dir).build()

        when:
        Cli.run(dir, [:], 'init')
        def config = ConfigLoader.load([:], [:], dir).build()

        then:
        config == without
        config.url() == null
        config.embedded()
        config.user() == null
        config.password() == null
        config.migrations() == dir.resolve('migrations')
        config.scripts() == dir.resolve('scripts')
        config.schema() == null
        config.table() == '_migrationlog'
        config.lockTimeout() == Duration.ofSeconds(60)
        config.embeddedDataDir() == dir.resolve('.migrun/postgres')
        config.helpers() == HelperSettings.NONE
        config.environment() == null
    }

    def "in a git working tree init adds .migrun/ to the .gitignore here: #situation"() {
        given:
        Files.createDirectories(dir.resolve('.git'))
        Path project = Files.createDirectories(dir.resolve('app'))
        if (before != null) {
            project.resolve('.gitignore').text = before
        }

        when:
        def r = Cli.run(project, [:], 'init')

        then:
        r.exitCode == 0
        r.out.readLines() == [YML_CREATED, FOLDER_CREATED, line]
        project.resolve('.gitignore').text == after
        !Files.exists(dir.resolve('.gitignore'))

        where:
        situation                   | before                 | line                                                                       | after
        'none yet'                  | null                   | "Created .gitignore with .migrun/ (the embedded PostgreSQL's data)."       | '.migrun/\n'
        'one without it'            | 'target/'              | "Added .migrun/ (the embedded PostgreSQL's data) to .gitignore."           | 'target/\n.migrun/\n'
        'one that ignores it'       | 'target/\n/.migrun\n'  | ".migrun/ (the embedded PostgreSQL's data) is ignored by git already."     | 'target/\n/.migrun\n'
    }

    def "init run again changes nothing and says what it left"() {
        given:
        Files.createDirectories(dir.resolve('.git'))
        Cli.run(dir, [:], 'init')
        dir.resolve('migrun.yml').text = 'lockTimeout: 2m\n'
        dir.resolve('migrations/V1__a.sql').text = 'SELECT 1;'

        when:
        def r = Cli.run(dir, [:], 'init')

        then:
        r.exitCode == 0
        r.out.readLines() == ['migrun.yml exists; left as it is.', 'migrations/ exists; left as it is.',
                              ".migrun/ (the embedded PostgreSQL's data) is ignored by git already."]
        dir.resolve('migrun.yml').text == 'lockTimeout: 2m\n'
        dir.resolve('migrations').toFile().list() as List == ['V1__a.sql']
        dir.resolve('.gitignore').text == '.migrun/\n'
    }

    def "init FOLDER creates that folder and names it in migrun.yml, so the commands find it"() {
        when:
        def r = Cli.run(dir, [:], 'init', 'db/migrations/')

        then:
        r.exitCode == 0
        r.out.readLines() == ['Created migrun.yml with every setting commented out but migrations: db/migrations.',
                              'Created db/migrations/ for the migrations; migrun new "create users" writes the first one.',
                              'Not in a git working tree; no .gitignore written.']
        dir.resolve('migrun.yml').readLines().count { !it.startsWith('#') && !it.blank } == 1
        dir.resolve('migrun.yml').readLines().contains('migrations: db/migrations')
        ConfigLoader.load([:], [:], dir).build().migrations() == dir.resolve('db/migrations')
        Cli.run(dir, [:], 'new', 'first').out == 'db/migrations/V1__first.groovy\n'
    }

    def "init FOLDER beside an existing migrun.yml says to check where it points"() {
        given:
        dir.resolve('migrun.yml').text = 'lockTimeout: 2m\n'

        when:
        def r = Cli.run(dir, [:], 'init', 'db')

        then:
        r.exitCode == 0
        r.out.readLines()[0] == 'migrun.yml exists; left as it is (check that its migrations: names db).'
        Files.isDirectory(dir.resolve('db'))
    }

    def "a FOLDER that is a file is refused with exit 2, and nothing is created"() {
        given:
        dir.resolve('migrations').text = 'not a folder'

        when:
        def r = Cli.run(dir, [:], 'init')

        then:
        r.exitCode == 2
        r.out == ''
        r.err == "ERROR: ${dir.resolve('migrations')} exists and is not a folder; nothing was created. " +
                'Move it away, or give migrun init another folder for the migrations, e.g. migrun init db/migrations.\n'
        !Files.exists(dir.resolve('migrun.yml'))
    }

    def "init has help with examples and is in the command list"() {
        when:
        def help = Cli.run(dir, [:], 'init', '--help')
        def list = Cli.run(dir, [:], '--help')

        then:
        help.exitCode == 0
        help.out.startsWith('Usage: migrun init [-h] [FOLDER]\n')
        help.out.endsWith('''\
            Examples:
              migrun init                    migrations/, migrun.yml, .gitignore
              migrun init db/migrations      another folder, named in migrun.yml
            '''.stripIndent())
        list.out.contains('\n  init        Set up a project: migrations/, a commented migrun.yml, .gitignore.\n')
    }
}
