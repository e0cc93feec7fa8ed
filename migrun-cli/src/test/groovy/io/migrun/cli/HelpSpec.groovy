package io.migrun.cli

import io.migrun.support.Cli
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

class HelpSpec extends Specification {

    @TempDir
    Path dir

    def "#command --help prints its usage on stdout and exits 0"() {
        when:
        def r = Cli.run(dir, [:], *command.split(' '), '--help')
        def short_ = Cli.run(dir, [:], *command.split(' '), '-h')

        then:
        r.exitCode == 0
        r.err == ''
        r.out.readLines().find { it.startsWith('Usage: ') } == usage
        short_.exitCode == 0
        short_.out == r.out

        where:
        command         | usage
        'up'            | 'Usage: migrun up [-h] [--dry-run] [--out-of-order] [--yes] [--password'
        'status'        | 'Usage: migrun status [-h] [--exit-code] [--json] [--password[=PASSWORD]]'
        'validate'      | 'Usage: migrun validate [-h] [--out-of-order] [--password[=PASSWORD]]'
        'new'           | 'Usage: migrun new [-h] [--sql] [--password[=PASSWORD]] [--config=FILE]'
        'repair'        | 'Usage: migrun repair [-h] [--yes] [--password[=PASSWORD]] [--config=FILE]'
        'pause'         | 'Usage: migrun pause [-h] [--password[=PASSWORD]] [--config=FILE] [--env=NAME]'
        'resume'        | 'Usage: migrun resume [-h] [--password[=PASSWORD]] [--config=FILE] [--env=NAME]'
        'cancel'        | 'Usage: migrun cancel [-h] [--password[=PASSWORD]] [--config=FILE] [--env=NAME]'
        'retry'         | 'Usage: migrun retry [-h] [--password[=PASSWORD]] [--config=FILE] [--env=NAME]'
        'errors'        | 'Usage: migrun errors [-h] [--password[=PASSWORD]] [--config=FILE] [--env=NAME]'
        'down'          | 'Usage: migrun down [-h] [--dry-run] [--force] [--yes] [--password[=PASSWORD]]'
        'verify'        | 'Usage: migrun verify [-h] [--json] [--password[=PASSWORD]] [--config=FILE]'
        'cleanup'       | 'Usage: migrun cleanup [-h] [--force] [--yes] [--password[=PASSWORD]]'
        'run'           | 'Usage: migrun run [-h] [--dry-run] [--json] [--once] [--yes] [--password'
        'history'       | 'Usage: migrun history [-h] [--json] [--password[=PASSWORD]] [--config=FILE]'
        'baseline'      | 'Usage: migrun baseline [-h] [--yes] [--password[=PASSWORD]] [--config=FILE]'
        'backups'       | 'Usage: migrun backups [-h] [--yes] [--password[=PASSWORD]] [--config=FILE]'
        'keys'          | 'Usage: migrun keys [-h] [COMMAND]'
        'keys generate' | 'Usage: migrun keys generate [-h] ID'
        'help'          | 'Usage: migrun help [-h] [COMMAND]'
    }

    def "migrun --help lists up and status under their own names and names their aliases"() {
        when:
        def r = Cli.run(dir, [:], '--help')

        then:
        r.out.contains("""\
            Commands:
              up          Apply pending migrations in version order. Also: migrate.
              status      Show every migration: version, description, state, applied at,
                            duration, checksum. Also: info.
            """.stripIndent())
        r.out.contains('\n  help        Display help information about the specified command.\n')
    }

    def "migrun help #command prints what migrun #command --help prints"() {
        when:
        def help = Cli.run(dir, [:], 'help', command)
        def flag = Cli.run(dir, [:], command, '--help')

        then:
        help.exitCode == 0
        help.out == flag.out

        where:
        command << ['up', 'status', 'down']
    }

    def "the help of #command ends with examples"() {
        when:
        def r = Cli.run(dir, [:], command, '--help')

        then:
        r.out.endsWith(examples.stripIndent())

        where:
        command  | examples
        'up'     | '''\
                   Examples:
                     migrun up                      apply every pending migration
                     migrun up --target 5 --dry-run rehearse up to version 5, then roll back
                   '''
        'status' | '''\
                   Examples:
                     migrun status --json           one JSON document on stdout
                     migrun status --exit-code      in CI: exit 5 when migrations are pending
                   '''
        'down'   | '''\
                   Examples:
                     migrun down                    undo the last applied migration
                     migrun down --to 3 --dry-run   rehearse undoing everything above version 3
                   '''
        'run'    | '''\
                   Examples:
                     migrun run grant_credits --arg email=a@b.c --dry-run
                     migrun run scripts/fix.groovy --once
                   '''
        'new'    | '''\
                   Examples:
                     migrun new "add users email index"
                     migrun new --sql "create orders"
                   '''
    }
}
