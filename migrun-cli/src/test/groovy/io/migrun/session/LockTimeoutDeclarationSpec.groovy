package io.migrun.session

import io.migrun.support.DatabaseSpecification

/** The lock timeout each migration's statements run with: the configuration's, or the one a migration declares. */
class LockTimeoutDeclarationSpec extends DatabaseSpecification {

    static final String RECORD = "CREATE TABLE seen AS SELECT current_setting('lock_timeout') AS v;"

    def "a #file migration's statements run with lock_timeout #expected (#why)"() {
        given:
        folder.write(file, text)
        folder.write('V3__after.sql', "INSERT INTO seen SELECT current_setting('lock_timeout');")

        when:
        def r = migrun(['up'] + flags as String[])

        then:
        r.exitCode == 0
        db.rows('SELECT v FROM seen')*.v == [expected, after]

        where:
        why                                 | file           | flags                        | expected | after | text
        'the default'                       | 'V2__a.sql'    | []                           | '5s'     | '5s'  | RECORD
        'the setting'                       | 'V2__a.sql'    | ['--ddl-lock-timeout', '2s'] | '2s'     | '2s'  | RECORD
        'the guard off'                     | 'V2__a.sql'    | ['--ddl-lock-timeout', '0']  | '0'      | '0'   | RECORD
        'the file\'s line'                  | 'V2__a.sql'    | []                           | '750ms'  | '5s'  | "-- migrun: lock-timeout 750ms\n" + RECORD
        'the file\'s line, off'             | 'V2__a.sql'    | []                           | '0'      | '5s'  | "--migrun:lock-timeout 0\n" + RECORD
        'the line without a transaction'    | 'V2__a.sql'    | []                           | '750ms'  | '5s'  | "-- migrun: transaction false\n-- migrun: lock-timeout 750ms\n" + RECORD
        'the script\'s lockTimeout'         | 'V2__a.groovy' | []                           | '750ms'  | '5s'  | "lockTimeout '750ms'\nup { sql.execute \"${RECORD}\" }"
        'lockTimeout as a duration'         | 'V2__a.groovy' | []                           | '3s'     | '5s'  | "lockTimeout 3.seconds\nup { sql.execute \"${RECORD}\" }"
        'lockTimeout without a transaction' | 'V2__a.groovy' | []                           | '750ms'  | '5s'  | "transaction false\nlockTimeout '750ms'\nup { sql.execute \"${RECORD}\" }"
    }

    def "a malformed lock-timeout declaration fails the migration before it runs, naming the file and line: #text"() {
        given:
        folder.write(file, text)

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err == "ERROR: Migration V2 (${file}) failed:\n  ${message}\nIts transaction was rolled back, so nothing of it was applied. Fix the script and run migrun up again.\n"
        db.value("SELECT to_regclass('public.t') IS NULL")

        where:
        file           | text                                                                           | message
        'V2__a.sql'    | 'CREATE TABLE t (id int);\n-- migrun: lock-timeout soon\n'                     | "V2__a.sql:2: 'soon' is not a duration: expected a number with ms, s, m, h or d, such as 60s. Write the line as -- migrun: lock-timeout 5s (0 turns the lock guard off for this file)."
        'V2__a.sql'    | '-- migrun: lock-timeout 1s\n-- migrun: lock-timeout 2s\nCREATE TABLE t (id int);' | 'V2__a.sql:1: a second -- migrun: lock-timeout line is there as well; keep one. Write the line as -- migrun: lock-timeout 5s (0 turns the lock guard off for this file).'
        'V2__a.groovy' | "lockTimeout 'soon'\nup { sql.execute 'CREATE TABLE t (id int)' }"           | "V2__a.groovy:1: 'soon' is not a duration: expected a number with ms, s, m, h or d, such as 60s; write lockTimeout 5.seconds or lockTimeout '5s' (0 turns the lock guard off for this migration)"
    }

    def "a file's down part runs with the file's lock timeout too"() {
        given:
        folder.write('V2__a.sql', """\
            -- migrun: lock-timeout 750ms
            ${RECORD}
            -- migrun: down
            CREATE TABLE down_seen AS SELECT current_setting('lock_timeout') AS v;
            """)
        assert migrun('up').exitCode == 0

        when:
        def r = migrun('down')

        then:
        r.exitCode == 0
        db.value('SELECT v FROM down_seen') == '750ms'
    }
}
