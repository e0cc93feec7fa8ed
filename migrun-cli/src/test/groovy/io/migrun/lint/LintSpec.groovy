package io.migrun.lint

import io.migrun.internal.json.Json
import io.migrun.support.Cli
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** {@code migrun lint}: its text, JSON and SARIF output, lint-ignore lines, what it cannot read, Groovy calls, exit codes. */
class LintSpec extends Specification {

    static final String UNREACHABLE = 'jdbc:postgresql://127.0.0.1:1/unreachable'
    static final String MR001_WHY = 'CREATE INDEX blocks every INSERT, UPDATE and DELETE on the table until the whole index is built.'
    static final String MR001_FIX = 'CREATE INDEX CONCURRENTLY, in a migration of its own that runs outside a transaction ' +
            '(the line -- migrun: transaction false; in Groovy, transaction false).'
    static final String SQL_FILE = '''\
        CREATE TABLE t (a int);
        -- migrun: lint-ignore MR013 a staging table, emptied nightly
        TRUNCATE t;
        CREATE INDEX i
            ON u (a);
        DO $$ BEGIN PERFORM 1; END $$;
        -- migrun: down
        DROP TABLE t;
        '''.stripIndent()

    @TempDir
    Path dir

    def "the text output has one block per finding and per statement not checked, then a summary; it needs no database and exits 6"() {
        given:
        write('V1__index.sql', SQL_FILE)

        when:
        def r = Cli.run(dir, [MIGRUN_URL: UNREACHABLE], 'lint')

        then:
        r.exitCode == 6
        r.err == ''
        r.out == """\
            V1__index.sql:4: MR001 CREATE INDEX without CONCURRENTLY
              CREATE INDEX i
              Why: $MR001_WHY
              Fix: $MR001_FIX

            V1__index.sql:6: not checked: the SQL parser cannot read this statement, so no rule checked it
              DO \$\$ BEGIN PERFORM 1; END \$\$

            Checked 4 statements in 1 migration: 1 problem, 1 not checked.
            """.stripIndent()
    }

    def "a clean folder exits 0, and statements lint cannot read do not fail it"() {
        given:
        write('V1__table.sql', 'CREATE TABLE t (a int);\nDO $$ BEGIN PERFORM 1; END $$;\n')
        write('R__view.sql', 'CREATE OR REPLACE VIEW v AS SELECT a FROM t;\n')

        when:
        def r = Cli.run(dir, [:], 'lint')

        then:
        r.exitCode == 0
        r.out.readLines().last() == 'Checked 3 statements in 2 migrations: 0 problems, 1 not checked.'
    }

    def "Groovy: literal SQL of up and cleanup is checked, dynamic text is not checked, down is not read"() {
        given:
        write('V2__groovy.groovy', '''\
            description 'Groovy calls'
            up {
                // migrun: lint-ignore MR001 the table holds 40 rows
                sql.execute 'CREATE INDEX i ON t (a)'
                sql.execute "DROP INDEX ${name}"
                sql.executeUpdate \'\'\'
                    UPDATE t SET a = 1\'\'\'
                sql.execute 'DROP INDEX CONCURRENTLY j'
                // migrun: lint-ignore MR010
                sql.execute 'DROP TABLE w'
            }
            cleanup {
                sql.execute 'ALTER TABLE t DROP COLUMN old'
            }
            down {
                sql.execute 'DROP TABLE t'
            }
            '''.stripIndent())

        when:
        def r = Cli.run(dir, [:], 'lint', '--json')
        def doc = Json.parse(r.out)

        then:
        r.exitCode == 6
        doc.findings.collect { "$it.line $it.rule.id $it.statement" as String } == [
                '7 MR012 UPDATE t SET a = 1',
                '8 MR003 DROP INDEX CONCURRENTLY j',
                '9 MR017 // migrun: lint-ignore MR010',
                '10 MR010 DROP TABLE w']
        doc.notChecked == [[file: 'V2__groovy.groovy', line: 5, statement: 'sql.execute "DROP INDEX ${name}"',
                            reason: 'the SQL text is built at run time; lint checks only literal strings']]
        doc.statements == 6
    }

    def "transaction false in Groovy lets CONCURRENTLY pass"() {
        given:
        write('V1__index.groovy', "transaction false\nup {\n    sql.execute 'CREATE INDEX CONCURRENTLY i ON t (a)'\n}\n")

        when:
        def r = Cli.run(dir, [:], 'lint')

        then:
        r.exitCode == 0
        r.out == 'Checked 1 statement in 1 migration: 0 problems, 0 not checked.\n'
    }

    def "--json prints one document with the findings, the statements not checked and every rule"() {
        given:
        write('V1__index.sql', SQL_FILE)

        when:
        def r = Cli.run(dir, [:], 'lint', '--json')
        def doc = Json.parse(r.out)

        then:
        r.exitCode == 6
        r.err == ''
        doc.keySet() == ['migrations', 'statements', 'findings', 'notChecked', 'rules'] as Set
        doc.migrations == 1
        doc.statements == 4
        doc.findings == [[rule: [id: 'MR001', title: 'CREATE INDEX without CONCURRENTLY', why: MR001_WHY, fix: MR001_FIX],
                          file: 'V1__index.sql', line: 4, statement: 'CREATE INDEX i']]
        doc.notChecked == [[file: 'V1__index.sql', line: 6, statement: 'DO $$ BEGIN PERFORM 1; END $$',
                            reason: 'the SQL parser cannot read this statement, so no rule checked it']]
        doc.rules*.id == (1..19).collect { String.format('MR%03d', it) }
    }

    def "--sarif prints a SARIF 2.1.0 document: the rules, a result per finding with its place, a note per statement not checked"() {
        given:
        write('V1__index.sql', SQL_FILE)

        when:
        def r = Cli.run(dir, [:], 'lint', '--sarif')
        def doc = Json.parse(r.out)
        def run = doc.runs[0]

        then:
        r.exitCode == 6
        doc.version == '2.1.0'
        doc.'$schema' == 'https://json.schemastore.org/sarif-2.1.0.json'
        doc.runs.size() == 1
        run.tool.driver.name == 'migrun lint'
        run.tool.driver.rules.size() == 19
        run.tool.driver.rules[0] == [id: 'MR001', shortDescription: [text: 'CREATE INDEX without CONCURRENTLY'],
                                     fullDescription: [text: MR001_WHY], help: [text: MR001_FIX]]
        run.results == [
                [ruleId: 'MR001', level: 'error',
                 message: [text: "CREATE INDEX without CONCURRENTLY: CREATE INDEX i. $MR001_WHY Fix: $MR001_FIX" as String],
                 locations: [[physicalLocation: [artifactLocation: [uri: 'migrations/V1__index.sql'], region: [startLine: 4]]]]],
                [level: 'note',
                 message: [text: 'Not checked: the SQL parser cannot read this statement, so no rule checked it: DO $$ BEGIN PERFORM 1; END $$'],
                 locations: [[physicalLocation: [artifactLocation: [uri: 'migrations/V1__index.sql'], region: [startLine: 6]]]]]]
    }

    def "a lint-ignore line names one rule: the statement's other rules still fire"() {
        given:
        write('V1__both.sql', '-- migrun: lint-ignore MR012 ten rows\nUPDATE t SET a = 1;\n-- migrun: lint-ignore MR001 small\nTRUNCATE t;\n')

        when:
        def r = Cli.run(dir, [:], 'lint', '--json')

        then:
        r.exitCode == 6
        Json.parse(r.out).findings.collect { "$it.line $it.rule.id" as String } == ['4 MR013']
    }

    def "a file lint cannot read at all is not checked, with the reason and the line"() {
        given:
        write('V1__meta.sql', '\\set x 1\nSELECT 1;\n')
        write('V2__broken.groovy', "up {\n    sql.execute(\n}\n")

        when:
        def r = Cli.run(dir, [:], 'lint', '--json')

        then:
        r.exitCode == 0
        Json.parse(r.out).notChecked == [
                [file: 'V1__meta.sql', line: 1, statement: '\\set x 1', reason: 'the file cannot be split into statements, so nothing in it was checked: '
                        + '\\set is a psql meta-command; migrun runs plain SQL (no psql meta-commands). Remove the line, or run the file with psql instead.'],
                [file: 'V2__broken.groovy', line: 1, statement: 'up {', reason: "the script does not compile (Unexpected input: '{'), so nothing in it was checked"]]
    }

    def "without a migrations folder lint is a usage error, as up is"() {
        when:
        def r = Cli.run(dir, [:], 'lint')

        then:
        r.exitCode == 2
        r.err.readLines()[0] == "ERROR: No migrun project in $dir: found neither a migrations folder (migrations/) nor a migrun.yml there. " +
                'Run migrun init to create them, give the folder with --migrations DIR, or run migrun from the project\'s folder.'
    }

    def "--pg-version #version is a usage error"() {
        given:
        write('V1__t.sql', 'CREATE TABLE t (a int);\n')

        when:
        def r = Cli.run(dir, [:], 'lint', '--pg-version', version)

        then:
        r.exitCode == 2
        r.err.readLines()[0] == message

        where:
        version | message
        '8'     | '--pg-version takes a PostgreSQL major version such as 16; found 8.'
        'x'     | "Invalid value for option '--pg-version': 'x' is not an int"
    }

    private void write(String name, String text) {
        Files.createDirectories(dir.resolve('migrations'))
        Files.writeString(dir.resolve('migrations').resolve(name), text)
    }
}
