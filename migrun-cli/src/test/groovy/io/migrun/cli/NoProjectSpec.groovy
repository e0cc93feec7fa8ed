package io.migrun.cli

import io.migrun.support.Cli
import io.migrun.support.TestPostgres
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** A command run from a folder that holds no migrun project: neither a migrations folder nor a migrun.yml. */
class NoProjectSpec extends Specification {

    @TempDir
    Path dir

    String noProject() {
        "ERROR: No migrun project in ${dir}: found neither a migrations folder (migrations/) nor a migrun.yml there. " +
                "Run migrun init to create them, give the folder with --migrations DIR, or run migrun from the project's folder.\n"
    }

    def "#command with neither says where it looked, exits 2 and starts no embedded database"() {
        when:
        def r = Cli.run(dir, [:], *command.split(' '))

        then:
        r.exitCode == 2
        r.err == noProject()
        r.out == ''
        !Files.exists(dir.resolve('.migrun'))

        where:
        command << ['up', 'up --dry-run', 'status', 'validate', 'down', 'verify', 'cleanup', 'repair 1', 'baseline --version 1',
                    'pause 1', 'resume 1', 'cancel 1', 'retry 1', 'errors 1', 'history', 'backups']
    }

    def "with a URL, #command still refuses, as it needs the migrations folder"() {
        when:
        def r = Cli.run(dir, TestPostgres.fresh().env(), *command.split(' '))

        then:
        r.exitCode == 2
        r.err == noProject()

        where:
        command << ['up', 'status', 'validate', 'down']
    }

    def "with a URL, #command reads the log without a migrations folder"() {
        when:
        def r = Cli.run(dir, TestPostgres.fresh().env(), *command.split(' '))

        then:
        r.exitCode == 0
        r.err == ''
        r.out == out

        where:
        command    | out
        'history'  | 'Id  When (UTC)  Kind  Script  State  Args  Result or error\n0 runs.\n'
        'backups'  | 'No backups.\n'
        'errors 1' | 'V1 has no failed rows.\n'
    }

    def "#command needs no project and keeps working in an empty folder"() {
        when:
        def r = Cli.run(dir, [:], *command.split(' '))

        then:
        r.exitCode == 0
        r.err == ''
        r.out ==~ out

        where:
        command           | out
        'keys generate k' | /k=[A-Za-z0-9+\/]{43}=\n/
        'help'            | /(?s)Usage: migrun .*/
        '--version'       | /migrun .*\n/
        'new first'       | /migrations\/V1__first.groovy\n/
    }

    def "run SCRIPT needs no project"() {
        given:
        dir.resolve('hello.sql').text = 'SELECT 1;'

        when:
        def r = Cli.run(dir, TestPostgres.fresh().env(), 'run', 'hello.sql')

        then:
        r.exitCode == 0
        r.out ==~ /Ran hello.sql \{\} \(\d+ ms\)\n/
    }

    def "a migrun.yml, or a folder given with --migrations, keeps the message about the missing folder"() {
        given:
        if (yaml) {
            dir.resolve('migrun.yml').text = 'lockTimeout: 5s\n'
        }

        when:
        def r = Cli.run(dir, TestPostgres.fresh().env(), *command.split(' '))

        then:
        r.exitCode == 2
        r.err == "ERROR: The migrations folder ${dir.resolve(folder)} does not exist. " +
                'Create it, or point --migrations (MIGRUN_MIGRATIONS, or migrations: in migrun.yml) to the folder that holds your scripts.\n'

        where:
        yaml  | command                | folder
        true  | 'up'                   | 'migrations'
        false | 'up --migrations db/m' | 'db/m'
    }
}
