package io.migrun.session

import io.migrun.support.DatabaseSpecification

class GroovyTransactionControlSpec extends DatabaseSpecification {

    static final String REFUSED = 'would end the transaction migrun runs this script in and commits together with its log row, so it is refused. ' +
            'Let the block end to commit (a failure rolls everything back), nest work in sql.withTransaction { … } for a savepoint, ' +
            'or declare `transaction false` to manage transactions yourself'

    def setup() {
        folder.write('V1__notes.sql', 'CREATE TABLE notes (v text);')
    }

    def "#call in a migration's transaction is refused, and nothing of the migration is applied"() {
        given:
        folder.write('V2__commits.groovy', """\
            up {
                sql.execute "INSERT INTO notes VALUES ('early')"
                ${call}
                sql.execute "INSERT INTO notes VALUES ('late')"
            }
            """)

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err == """\
            ERROR: Migration V2 (V2__commits.groovy) failed:
              V2__commits.groovy:3: ${named} ${REFUSED}
            Its transaction was rolled back, so nothing of it was applied. Fix the script and run migrun up again.
            """.stripIndent()
        db.rows('SELECT v FROM notes').isEmpty()

        where:
        call                                     | named
        "sql.execute 'COMMIT'"                   | 'COMMIT'
        "sql.execute 'commit and chain'"         | 'COMMIT'
        "sql.execute 'END'"                      | 'END'
        "sql.execute 'ROLLBACK'"                 | 'ROLLBACK'
        "sql.execute 'BEGIN'"                    | 'BEGIN'
        "sql.execute 'START TRANSACTION'"        | 'START TRANSACTION'
        "sql.executeUpdate 'SELECT 1; COMMIT'"   | 'COMMIT'
        "sql.commit()"                           | 'sql.commit()'
        "sql.rollback()"                         | 'sql.rollback()'
        "sql.connection.commit()"                | 'commit()'
        "sql.connection.autoCommit = true"       | 'setAutoCommit(true)'
        "sql.connection.prepareStatement('COMMIT').execute()" | 'COMMIT'
    }

    def "a dry run whose script committed past the refusals says its work may be committed"() {
        given:
        migrun('up')
        folder.write('V2__sneaky.groovy', '''\
            up {
                sql.execute "INSERT INTO notes VALUES ('early')"
                sql.connection.unwrap(org.postgresql.core.BaseConnection).execSQLUpdate('COMMIT')
                sql.execute 'SELECT 1/0'
            }
            ''')

        when:
        def r = migrun('up', '--dry-run')

        then:
        r.exitCode == 1
        r.err.endsWith('The script ended the transaction, so what it did before that may be committed; check the database. Nothing was recorded.\n')
        db.rows('SELECT v FROM notes')*.v == ['early']
    }

    def "a dry run refuses a COMMIT that would keep its changes"() {
        given:
        migrun('up')
        folder.write('V2__commits.groovy', """\
            up {
                sql.execute "INSERT INTO notes VALUES ('early')"
                sql.execute 'COMMIT'
            }
            """)

        when:
        def r = migrun('up', '--dry-run')

        then:
        r.exitCode == 1
        r.err.contains("V2__commits.groovy:3: COMMIT ${REFUSED}\nNothing was committed or recorded.")
        db.rows('SELECT v FROM notes').isEmpty()
    }

    def "an ad-hoc run that commits by itself is refused too"() {
        given:
        migrun('up')
        dir.resolve('scripts').toFile().mkdirs()
        dir.resolve('scripts/fix.groovy').text = '''\
            run {
                sql.execute "INSERT INTO notes VALUES ('early')"
                sql.commit()
            }
            '''

        when:
        def r = migrun('run', 'fix')

        then:
        r.exitCode == 1
        r.err.contains("fix.groovy:3: sql.commit() ${REFUSED}")
        db.rows('SELECT v FROM notes').isEmpty()
    }

    def "sql.withTransaction nests as a savepoint inside the migration's transaction"() {
        given:
        folder.write('V2__savepoints.groovy', '''\
            up {
                sql.execute "INSERT INTO notes VALUES ('kept')"
                try {
                    sql.withTransaction { sql.execute "INSERT INTO notes VALUES ('undone')"; throw new IllegalStateException('no') }
                } catch (IllegalStateException expected) {
                }
                sql.withTransaction { sql.execute "INSERT INTO notes VALUES ('nested')" }
                sql.execute 'SAVEPOINT mine'
                sql.execute "INSERT INTO notes VALUES ('rolled back to the savepoint')"
                sql.execute 'ROLLBACK TO SAVEPOINT mine'
                sql.execute 'RELEASE SAVEPOINT mine'
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.rows('SELECT v FROM notes ORDER BY v')*.v == ['kept', 'nested']
    }

    def "a transaction false migration manages its own transactions: #how"() {
        given:
        folder.write('V2__own.groovy', """\
            transaction false
            up {
                ${work}
            }
            """)

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.rows('SELECT v FROM notes')*.v == ['own']
        db.rows("SELECT state FROM _migrationLog WHERE version = '2'")*.state == ['succeeded']

        where:
        how                  | work
        'BEGIN … COMMIT'     | "sql.execute 'BEGIN'; sql.execute \"INSERT INTO notes VALUES ('own')\"; sql.execute 'COMMIT'"
        'withTransaction'    | "sql.withTransaction { sql.execute \"INSERT INTO notes VALUES ('own')\" }"
        'autoCommit, commit' | "sql.connection.autoCommit = false; sql.execute \"INSERT INTO notes VALUES ('own')\"; sql.commit(); sql.connection.autoCommit = true"
    }

    def "a transaction false migration that leaves a transaction open fails saying so, and the next one runs"() {
        given:
        folder.write('V2__open.groovy', '''\
            transaction false
            up {
                sql.execute 'BEGIN'
                sql.execute "INSERT INTO notes VALUES ('never committed')"
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err.contains('V2__open.groovy: the script left a transaction open (a BEGIN without COMMIT or ROLLBACK). End it in the script, '
                + 'or remove `transaction false` and let migrun run the script in a transaction of its own')
        db.rows('SELECT v FROM notes').isEmpty()
        db.rows("SELECT state FROM _migrationLog WHERE version = '2'")*.state == ['failed']
    }

    def "a transaction's characteristics may still be set first: #how"() {
        given:
        folder.write(file, text)

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.rows('SELECT v FROM notes')*.v == ['repeatable read']

        where:
        how           | file               | text
        'in SQL'      | 'V2__iso.sql'      | "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;\nINSERT INTO notes SELECT current_setting('transaction_isolation');"
        'from Groovy' | 'V2__iso.groovy'   | "up {\n    sql.connection.transactionIsolation = java.sql.Connection.TRANSACTION_REPEATABLE_READ\n    sql.execute \"INSERT INTO notes SELECT current_setting('transaction_isolation')\"\n}\n"
    }

    def "the driver's own API stays in reach through sql.connection"() {
        given:
        folder.write('V2__copy.groovy', '''\
            up {
                sql.connection.copyAPI.copyIn('COPY notes FROM STDIN', new StringReader('copied\\n'))
                assert sql.connection == sql.connection
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.rows('SELECT v FROM notes')*.v == ['copied']
    }

    def "a transaction the script ends past the refusals is recorded as partly applied, never as rolled back"() {
        given:
        folder.write('V2__sneaky.groovy', """\
            up {
                sql.execute "INSERT INTO notes VALUES ('early')"
                sql.connection.unwrap(org.postgresql.core.BaseConnection).execSQLUpdate('COMMIT')
                ${after}
            }
            """)

        when:
        def r = migrun('up')
        def again = migrun('up')

        then:
        r.exitCode == 1
        r.err.startsWith('ERROR: Migration V2 (V2__sneaky.groovy) failed:\n  V2__sneaky.groovy' + where +
                ': the script ended the transaction migrun ran it in (a COMMIT or ROLLBACK that migrun could not refuse)')
        r.err.endsWith('The script ended its transaction, so some of its changes may be in place. Check the database and undo or finish them by hand, then run\n' +
                '  migrun repair 2                  to run it again with the next migrun up\n' +
                '  migrun repair 2 --mark-applied   if you completed it by hand\n')
        !r.err.contains('nothing of it was applied')
        db.rows('SELECT v FROM notes')*.v == ['early']
        db.rows("SELECT state, transactional FROM _migrationLog WHERE version = '2'") == [[state: 'failed', transactional: false]]
        again.exitCode == 1
        again.err.contains('migrun repair 2')

        where:
        after                                          | where
        "sql.execute \"INSERT INTO notes VALUES ('x')\"; sql.execute 'SELECT 1/0'" | ':4'
        "sql.execute \"INSERT INTO notes VALUES ('x')\"; throw new IllegalStateException('boom')" | ':4'
        "// nothing after it"                          | ''
    }
}
