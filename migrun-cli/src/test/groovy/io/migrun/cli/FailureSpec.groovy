package io.migrun.cli

import io.migrun.support.Cli
import io.migrun.support.DatabaseSpecification
import io.migrun.support.TestPostgres

class FailureSpec extends DatabaseSpecification {

    def setup() {
        folder.write('V1__create_notes.sql', 'CREATE TABLE notes (v text);')
    }

    List<Map> log() {
        db.rows('SELECT version, state, error FROM _migrationLog ORDER BY id')
    }

    def "a script that throws fails with its file:line, keeps nothing of it, records the failure, and runs again once fixed"() {
        given:
        folder.write('V2__boom.groovy', '''\
            up {
                sql.execute "INSERT INTO notes VALUES ('two')"
                throw new IllegalStateException('no credits table')
            }
            ''')
              .write('V3__after.sql', "INSERT INTO notes VALUES ('three');")

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err == '''\
            ERROR: Migration V2 (V2__boom.groovy) failed:
              V2__boom.groovy:3: java.lang.IllegalStateException: no credits table
            Its transaction was rolled back, so nothing of it was applied. Fix the script and run migrun up again.
            '''.stripIndent()
        db.rows('SELECT v FROM notes').isEmpty()
        log() == [[version: '1', state: 'succeeded', error: null],
                  [version: '2', state: 'failed', error: 'V2__boom.groovy:3: java.lang.IllegalStateException: no credits table']]

        when:
        folder.write('V2__boom.groovy', '''\
            up {
                sql.execute "INSERT INTO notes VALUES ('two')"
            }
            ''')
        def retry = migrun('up')

        then:
        retry.exitCode == 0
        db.rows('SELECT v FROM notes')*.v == ['two', 'three']
        log()*.state == ['succeeded', 'failed', 'succeeded', 'succeeded']
    }

    def "a Groovy syntax error names file:line:column and nothing runs"() {
        given:
        folder.write('V2__broken.groovy', '''\
            up {
                sql.execute "INSERT INTO notes VALUES ('one')"
                sql.execute "INSERT INTO notes VALUES ('two')
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err == '''\
            ERROR: Migration V2 (V2__broken.groovy) failed:
              Cannot compile V2__broken.groovy:
                V2__broken.groovy:3:17: Unexpected character: '"'
                        sql.execute "INSERT INTO notes VALUES ('two')
                                    ^
            Its transaction was rolled back, so nothing of it was applied. Fix the script and run migrun up again.
            '''.stripIndent()
        db.rows('SELECT v FROM notes').isEmpty()
        log()*.state == ['succeeded', 'failed']
    }

    def "a failing SQL statement is named by its line, and the earlier statements are rolled back"() {
        given:
        folder.write('V2__bad.sql', '''\
            INSERT INTO notes VALUES ('kept?');

            -- the next one fails
            INSERT INTO no_such_table
              VALUES (1);
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err == '''\
            ERROR: Migration V2 (V2__bad.sql) failed:
              V2__bad.sql:4: ERROR: relation "no_such_table" does not exist
                Position: 13
                Statement: INSERT INTO no_such_table VALUES (1)
            Its transaction was rolled back, so nothing of it was applied. Fix the script and run migrun up again.
            '''.stripIndent()
        db.rows('SELECT v FROM notes').isEmpty()
        log()[1].error == 'V2__bad.sql:4: ERROR: relation "no_such_table" does not exist\n  Position: 13\n  Statement: INSERT INTO no_such_table VALUES (1)'
    }

    def "a script whose body throws outside up names its file:line"() {
        given:
        folder.write('V2__bad_body.groovy', '''\
            description 'parses at load time'
            def limit = Integer.parseInt('not a number')
            up { [limit: limit] }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err.startsWith('ERROR: Migration V2 (V2__bad_body.groovy) failed:\n  V2__bad_body.groovy:2: java.lang.NumberFormatException: For input string: "not a number"\n')
        log()[1].error == 'V2__bad_body.groovy:2: java.lang.NumberFormatException: For input string: "not a number"'
    }

    def "a password that turns up in an error is masked in the output and in the log"() {
        given:
        folder.write('V2__leaky.groovy', "up { throw new IllegalStateException('could not log in with ${TestPostgres.APP_PASSWORD}') }\n")

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err.contains('V2__leaky.groovy:1: java.lang.IllegalStateException: could not log in with ***\n')
        log()[1].error == 'V2__leaky.groovy:1: java.lang.IllegalStateException: could not log in with ***'
        !(r.out + r.err).contains(TestPostgres.APP_PASSWORD)
        db.value("SELECT count(*) FROM _migrationLog WHERE error LIKE '%${TestPostgres.APP_PASSWORD}%' OR result::text LIKE '%${TestPostgres.APP_PASSWORD}%'") == 0
    }

    def "a script without an up block is refused"() {
        given:
        folder.write('V2__empty.groovy', "description 'nothing here'\n")

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err.startsWith('ERROR: Migration V2 (V2__empty.groovy) failed:\n  V2__empty.groovy declares no up { } block. Put the migration\'s work inside up { … }; the script body only declares.\n')
    }

    def "a failed migration without a transaction blocks up until it is repaired"() {
        given:
        folder.write('V2__half.groovy', '''\
            transaction false
            up {
                sql.execute "INSERT INTO notes VALUES ('half')"
                sql.execute "INSERT INTO missing VALUES (1)"
            }
            ''')
              .write('V3__after.sql', "INSERT INTO notes VALUES ('three');")

        when:
        def first = migrun('up')

        then:
        first.exitCode == 1
        first.err == '''\
            ERROR: Migration V2 (V2__half.groovy) failed:
              V2__half.groovy:4: ERROR: relation "missing" does not exist
                Position: 13
            It ran without a transaction, so some of its changes may be in place. Check the database and undo or finish them by hand, then run
              migrun repair 2                  to run it again with the next migrun up
              migrun repair 2 --mark-applied   if you completed it by hand
            '''.stripIndent()
        db.rows('SELECT v FROM notes')*.v == ['half']

        when:
        def blocked = migrun('up')
        def failedAt = db.value("SELECT to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM _migrationLog WHERE version = '2'")

        then:
        blocked.exitCode == 1
        blocked.err == """\
            ERROR: V2 (V2__half.groovy) failed on ${failedAt} UTC without a transaction, so it may be partially applied:
              V2__half.groovy:4: ERROR: relation "missing" does not exist
            migrun will not run anything until this is resolved. Check the database and undo or finish its changes by hand, then run one of:
              migrun repair 2                  to run it again with the next migrun up
              migrun repair 2 --mark-applied   if you completed it by hand
            """.stripIndent()

        when: 'the operator undoes the half-done work, fixes the script and repairs'
        db.sql { it.execute("DELETE FROM notes WHERE v = 'half'") }
        folder.write('V2__half.groovy', '''\
            transaction false
            up {
                sql.execute "INSERT INTO notes VALUES ('whole')"
            }
            ''')
        def repair = migrun('repair', '2')
        def status = migrun('status')
        def up = migrun('up')

        then:
        repair.exitCode == 0
        repair.out == 'V2 is pending again; the next migrun up runs it.\n'
        status.out =~ /\n2\s+half\s+pending\n/
        up.exitCode == 0
        db.rows('SELECT v FROM notes')*.v == ['whole', 'three']
        db.rows("SELECT kind, state FROM _migrationLog WHERE version = '2' ORDER BY id") ==
                [[kind: 'versioned', state: 'failed'], [kind: 'repair', state: 'succeeded'], [kind: 'versioned', state: 'succeeded']]
    }

    def "repair --mark-applied records a hand-finished migration as applied"() {
        given:
        folder.write('V2__half.groovy', 'transaction false\nup { sql.execute "INSERT INTO missing VALUES (1)" }\n')
        migrun('up')

        when:
        def repair = migrun('repair', '2', '--mark-applied')
        def up = migrun('up')

        then:
        repair.exitCode == 0
        repair.out == 'V2 is recorded as applied.\n'
        up.out == 'Database is up to date at version 2; nothing to apply.\n'
        db.value("SELECT result::text FROM _migrationLog WHERE version = '2' AND state = 'succeeded' AND kind = 'versioned'") == '{"markedAppliedBy": "repair"}'
    }

    def "repair refuses a version that has nothing to repair"() {
        given:
        migrun('up')

        when:
        def applied = migrun('repair', '1')
        def unknown = migrun('repair', '7')

        then:
        applied.exitCode == 2
        applied.err == 'ERROR: Nothing to repair: V1 is succeeded. repair resolves failed runs (with --accept-checksum or --forget-missing, an applied script edited or deleted since); see migrun status.\n'
        unknown.exitCode == 2
        unknown.err == "ERROR: Nothing to repair: version 7 is neither in ${folder.migrations} nor in the log public._migrationlog.\n"
    }

    def "an unreachable database exits 2 with the masked URL and the fix"() {
        when:
        def r = Cli.run(dir, [:], 'up', '--url', 'jdbc:postgresql://127.0.0.1:1/app?password=urlsecret', '--password', 'flagsecret')

        then:
        r.exitCode == 2
        r.err == '''\
            WARNING: a password given on the command line is visible to other users in the process list; use MIGRUN_PASSWORD, a ${VAR} in migrun.yml or --password without a value to be prompted.
            ERROR: Cannot connect to jdbc:postgresql://127.0.0.1:1/app?password=***: Connection to 127.0.0.1:1 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.
            Check that the server is running and that --url (or MIGRUN_URL, DATABASE_URL, or url: in migrun.yml) points to it.
            '''.stripIndent()
        !(r.out + r.err).contains('secret')
    }

    def "a wrong password exits 2 naming the user, and the password appears nowhere"() {
        when:
        def r = Cli.run(dir, db.env() + [MIGRUN_PASSWORD: 'wrong-canary-pw'], 'up')

        then:
        r.exitCode == 2
        r.err == """\
            ERROR: Cannot connect to ${db.url} as user "app": FATAL: password authentication failed for user "app"
            Check --user and --password (or MIGRUN_USER and MIGRUN_PASSWORD, or user: and password: in migrun.yml).
            """.stripIndent()
        !(r.out + r.err).contains('canary')
    }
}
