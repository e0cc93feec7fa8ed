package io.migrun.cli

import io.migrun.support.Cli
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

class CommandLineSpec extends Specification {

    @TempDir
    Path dir

    def "--help lists every command and the exit codes"() {
        when:
        def r = Cli.run(dir, [:], '--help')

        then:
        r.exitCode == 0
        ['up', 'status', 'validate', 'new', 'repair'].every { r.out =~ /(?m)^\s+${it}\s+\S/ }
        r.out.endsWith('''\
            Exit codes:
              0  ok
              1  a migration failed, or a failed one blocks the run
              2  usage or configuration error (including an unreachable database)
              3  validation failed (names, duplicates, checksums, missing files, order)
              4  the migration lock was not obtained in time
              5  status --exit-code only: migrations are pending or not finished
              6  lint only: a rule fired
            '''.stripIndent())
    }

    def "--version names migrun"() {
        expect:
        Cli.run(dir, [:], '--version').out.startsWith('migrun ')
    }

    def "an unknown option is a usage error with exit code 2"() {
        when:
        def r = Cli.run(dir, [:], 'up', '--tagret', '3')

        then:
        r.exitCode == 2
        r.err.startsWith("Unknown options: '--tagret', '3'")
    }

    def "a malformed --target is a usage error"() {
        when:
        def r = Cli.run(dir, [:], 'up', '--target', 'latest!')

        then:
        r.exitCode == 2
        r.err == "ERROR: Invalid --target: 'latest!' is not a version: expected digits separated by dots, such as 7, 1.2 or 20261121093000.\n"
    }
}
