package io.migrun.process

import io.migrun.support.Cli
import io.migrun.support.FreshDatabase
import io.migrun.support.MigrationFolder
import io.migrun.support.TestPostgres
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

import static io.migrun.process.ProcessSpecSupport.terminateOthers
import static io.migrun.process.ProcessSpecSupport.waitUntil

/** A script that exits the JVM, or runs it out of memory, leaves a failed run and a non-zero exit, never a run left `running`. */
class ExitGuardSpec extends Specification {

    @TempDir
    Path dir

    FreshDatabase db = TestPostgres.fresh()

    def setup() {
        new MigrationFolder(dir).write('V1__notes.sql', 'CREATE TABLE notes (label text NOT NULL);')
        assert Cli.run(dir, db.env(), 'up').exitCode == 0
        Files.createDirectories(dir.resolve('scripts'))
    }

    def cleanup() {
        terminateOthers(db)
    }

    def "System.exit in #what is recorded as a failed run, with a message, and the exit code is 1"() {
        given:
        new MigrationFolder(dir).write('V2__exits.groovy', '''\
                up {
                    sql.execute "INSERT INTO notes VALUES ('v2')"
                    System.exit(0)
                }
                ''')
        dir.resolve('scripts/exits.groovy').text = '''\
            run {
                sql.execute "INSERT INTO notes VALUES ('run')"
                System.exit(0)
            }
            '''.stripIndent()

        when:
        def r = Cli.finish(Cli.start(dir, db.env(), *args))

        then:
        r.exitCode == 1
        r.err == error
        db.rows("SELECT script, state, error FROM _migrationLog WHERE kind = '${kind}' AND script = '${script}'") == [[script: script, state: 'failed', error: recorded]]
        db.value('SELECT count(*) FROM notes') == 0
        waitUntil(db, "SELECT count(*) = 0 FROM pg_stat_activity WHERE datname = '${db.name}' AND application_name LIKE 'migrun pid=%'", 10)

        where:
        what            | args                | kind        | script             | recorded                                                                    | error
        'a migration'   | ['up']              | 'versioned' | 'V2__exits.groovy' | 'V2__exits.groovy:3: called System.exit while it ran, so migrun ended it' | '''\
            ERROR: Migration V2 (V2__exits.groovy) failed:
              V2__exits.groovy:3: called System.exit while it ran, so migrun ended it
            Its database session was ended, so its open transaction was rolled back; the run is recorded as failed. Run migrun up again to go on.
            '''.stripIndent()
        'an ad-hoc run' | ['run', 'exits']    | 'ad-hoc'    | 'exits.groovy'     | 'exits.groovy:3: called System.exit while it ran, so migrun ended it'     | '''\
            ERROR: Script exits.groovy failed:
              exits.groovy:3: called System.exit while it ran, so migrun ended it
            Its database session was ended, so its open transaction was rolled back; the run is recorded as failed. Run it again to do it.
            '''.stripIndent()
    }

    def "System.exit in a dry run, which records nothing, still ends with a message and exit code 1"() {
        given:
        new MigrationFolder(dir).write('V2__exits.groovy', '''\
                up {
                    sql.execute "INSERT INTO notes VALUES ('v2')"
                    System.exit(0)
                }
                ''')

        when:
        def r = Cli.finish(Cli.start(dir, db.env(), 'up', '--dry-run'))

        then:
        r.exitCode == 1
        r.err == "ERROR: The running command's script called System.exit while it ran, so migrun ended it; " +
                'the command records no run (a dry run or verify), and its open transaction was rolled back.\n'
        db.value("SELECT count(*) FROM _migrationLog WHERE version = '2'") == 0
        db.value('SELECT count(*) FROM notes') == 0
    }

    def "running out of memory in #what is recorded as a failed run with a clear message, no stack trace, exit code 1"() {
        given:
        new MigrationFolder(dir).write('V2__hoard.groovy', source)
        if (args == ['down']) {
            assert Cli.run(dir, db.env(), 'up').exitCode == 0
        }

        when:
        def r = Cli.finish(Cli.start(dir, db.env(), *args))

        then:
        r.exitCode == 1
        r.err ==~ error
        db.rows("SELECT state FROM _migrationLog WHERE kind = '${kind}' AND version = '2'")*.state == ['failed']
        (db.value("SELECT error FROM _migrationLog WHERE kind = '${kind}' AND version = '2'") as String) ==~ recorded
        db.value('SELECT count(*) FROM notes') == notes

        where:
        what          | args     | kind        | notes | source | recorded | error
        'a migration' | ['up']   | 'versioned' | 0     | UP_HOARDS   | /V2__hoard\.groovy:4: out of memory \(Java heap space\); .*/ | /ERROR: Migration V2 \(V2__hoard\.groovy\) failed:\n  V2__hoard\.groovy:4: out of memory \(Java heap space\); migrun may use about \d+ MB\. Give it more with MIGRUN_JAVA_OPTS=-Xmx2g \(for example\), or hold fewer rows at once \(a smaller batchSize, eachBatch instead of sql\.rows\)\.\nIts transaction was rolled back, so nothing of it was applied\. Fix the script and run migrun up again\.\n/
        'a down'      | ['down'] | 'down'      | 1     | DOWN_HOARDS | /V2__hoard\.groovy:5: out of memory \(Java heap space\); .*/ | /ERROR: Down of V2 \(V2__hoard\.groovy\) failed:\n  V2__hoard\.groovy:5: out of memory \(Java heap space\); migrun may use about \d+ MB\. [^\n]*\nIts transaction was rolled back, so V2 is still applied\. Fix the down block's cause and run migrun down again\.\n/
    }

    static final String UP_HOARDS = '''\
        up {
            sql.execute "INSERT INTO notes VALUES ('v2')"
            def kept = []
            while (true) { kept << new byte[8 * 1024 * 1024] }
        }
        '''

    static final String DOWN_HOARDS = '''\
        up { sql.execute "INSERT INTO notes VALUES ('v2')" }
        down {
            sql.execute 'DELETE FROM notes'
            def kept = []
            while (true) { kept << new byte[8 * 1024 * 1024] }
        }
        '''
}
