package io.migrun.session

import io.migrun.support.DatabaseSpecification

class ScriptErrorsSpec extends DatabaseSpecification {

    def setup() {
        folder.write('V1__notes.sql', 'CREATE TABLE notes (v text);')
    }

    def "#call reports the statement's own error with its script line, not the aborted transaction"() {
        given:
        folder.write('V2__typo.groovy', """\
            up {
                sql.execute "INSERT INTO notes VALUES ('a')"
                ${call}
            }
            """)

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err == '''\
            ERROR: Migration V2 (V2__typo.groovy) failed:
              V2__typo.groovy:3: ERROR: column "nmae" does not exist
                Position: 8
            Its transaction was rolled back, so nothing of it was applied. Fix the script and run migrun up again.
            '''.stripIndent()

        where:
        call << ["sql.firstRow('SELECT nmae FROM notes')",
                 "sql.firstRow('SELECT nmae FROM notes WHERE v = ?', ['a'])",
                 "sql.firstRow('SELECT nmae FROM notes WHERE v = ?', ['a'] as Object[])",
                 "sql.firstRow(\"SELECT nmae FROM notes WHERE v = \${'a'}\")",
                 "sql.firstRow('SELECT nmae FROM notes WHERE v = :v', v: 'a')"]
    }

    def "the server's notices and warnings are shown as psql shows them, tagged with the script"() {
        given:
        folder.write('V2__chatty.groovy', '''\
            up {
                sql.execute "DO \\$\\$ BEGIN RAISE NOTICE 'moved % rows', 3; RAISE WARNING 'check the totals'; END \\$\\$"
                sql.firstRow("SELECT 1 AS one")
                sql.execute "DROP TABLE IF EXISTS missing"
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        r.out.readLines().findAll { it.startsWith('  [') } == [
                '  [V2] NOTICE:  moved 3 rows',
                '  [V2] WARNING:  check the totals',
                '  [V2] NOTICE:  table "missing" does not exist, skipping']
    }

    def "a SQL migration's notices are shown the same way"() {
        given:
        folder.write('V2__chatty.sql', '''\
            DROP TABLE IF EXISTS missing;
            DO $$ BEGIN RAISE WARNING 'check the totals'; END $$;
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        r.out.readLines().findAll { it.startsWith('  [') } == [
                '  [V2] NOTICE:  table "missing" does not exist, skipping',
                '  [V2] WARNING:  check the totals']
    }

    def "database work in the script body says that the body only declares and where the work goes"() {
        given:
        folder.write("V2__bare.groovy", """\
            description 'bare'
            ${work}
            """)

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err == """\
            ERROR: Migration V2 (V2__bare.groovy) failed:
              V2__bare.groovy:2: ${named} is used in the script body, which only declares (description, blocks, arguments); the database work goes inside up { … }, which runs when the script is applied, e.g.
                  up {
                      sql.execute '…'
                  }
            Its transaction was rolled back, so nothing of it was applied. Fix the script and run migrun up again.
            """.stripIndent()

        where:
        work                                          | named
        "sql.execute 'CREATE TABLE x (id int)'"       | 'sql'
        "log.info 'hello'"                            | 'log'
        "step('one') { }"                             | 'step'
        "backfill('notes') { [v: it.v] }"             | 'backfill'
    }

    def "an unknown name in the body is still reported as Groovy reports it"() {
        given:
        folder.write('V2__typo.groovy', '''\
            descriptoin 'typo'
            up { }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err.contains('V2__typo.groovy:1: groovy.lang.MissingMethodException: No signature of method: migration_V2__typo.descriptoin()')
    }
}
