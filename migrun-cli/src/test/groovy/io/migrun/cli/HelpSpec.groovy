package io.migrun.cli

import io.migrun.support.Cli
import picocli.CommandLine
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
        'lint'          | 'Usage: migrun lint [-h] [--json] [--sarif] [--password[=PASSWORD]]'
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

    def "the help of #command ends with 2 to 4 examples, the first of #command itself"() {
        when:
        def r = Cli.run(dir, [:], *command.split(' '), '--help')
        def block = r.out.substring(r.out.lastIndexOf('\n\nExamples:\n') + 2).readLines()
        def examples = block.tail().findAll { it ==~ /  \S.*/ }

        then:
        r.exitCode == 0
        r.out.contains('\n\nExamples:\n')
        examples.size() in 2..4
        examples[0].startsWith("  migrun $command ")
        // the examples are the last section: no header such as "Commands:" follows them
        block.tail().findAll { it ==~ /\S.*:/ } == []

        where:
        command << commandNames()
    }

    def "the help of #command ends with examples"() {
        when:
        def r = Cli.run(dir, [:], *command.split(' '), '--help')

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
        'validate'| '''\
                   Examples:
                     migrun validate                check the folder against the log; runs nothing
                     migrun validate --out-of-order accept pending versions below the newest
                     migrun validate --env prod     against migrun.yml's prod environment
                   '''
        'history'| '''\
                   Examples:
                     migrun history                 every run in the log: arguments, results
                     migrun history --script V3     only the runs of migration V3
                     migrun history --script grant_credits --json
                                                    the runs of grant_credits as one JSON document
                   '''
        'keys generate'| '''\
                   Examples:
                     migrun keys generate k2026a    print a new key as k2026a=<base64>
                     export MIGRUN_KEYS="$(migrun keys generate k2026b),$MIGRUN_KEYS"
                                                    rotate: the new key first, then the old ones
                   '''
        'errors' | '''\
                   Examples:
                     migrun errors 7                rows V7 left unchanged under onError: 'skip'
                     migrun up --retry-errors 7     drive those rows again once the cause is fixed
                   '''
        'lint'   | '''\
                   Examples:
                     migrun lint                    check migrations/ for locking statements
                     migrun lint --sarif            SARIF 2.1.0 on stdout, for code scanning
                     migrun lint --pg-version 10    with the rules of PostgreSQL 10
                   '''
        'help'   | '''\
                   Examples:
                     migrun help                    the list of commands (as migrun --help)
                     migrun help up                 the help of up (as migrun up --help)
                   '''
    }

    /** Every command and subcommand under migrun, as picocli builds them: each once, under its name, not its aliases. */
    static List<String> commandNames() {
        def quiet = new PrintStream(OutputStream.nullOutputStream())
        names(MigrunCommand.commandLine(CliContext.masked(quiet, quiet, [:], Path.of('.'), false, false, null, null)), '')
    }

    private static List<String> names(CommandLine parent, String prefix) {
        new LinkedHashSet<CommandLine>(parent.subcommands.values()).collectMany { sub ->
            String name = prefix + sub.commandName
            [name] + names(sub, name + ' ')
        }
    }
}
