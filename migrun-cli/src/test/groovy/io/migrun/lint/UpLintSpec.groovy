package io.migrun.lint

import io.migrun.support.Cli
import io.migrun.support.CliResult
import io.migrun.support.DatabaseSpecification

import static io.migrun.cli.UpSpec.timeless

/** {@code up} lints the migrations it is about to run first: {@code lint: warn} (the default) shows the findings, {@code error} refuses, {@code off} is silent. */
class UpLintSpec extends DatabaseSpecification {

    static final String FINDING = 'V2__index.sql:1: MR001 CREATE INDEX without CONCURRENTLY (migrun lint shows why and the safe rewrite)'
    static final String REFUSAL = 'ERROR: lint is set to error, and the pending migrations have 1 lint finding(s), statements that take heavy locks or rewrite tables; nothing was applied:\n' +
            "  $FINDING\n" +
            'Fix them (migrun lint shows why and the safe rewrite), silence one with a line -- migrun: lint-ignore <rule> <reason> above it, ' +
            'or set lint: warn (MIGRUN_LINT=warn) to run them anyway.\n'
    static final String APPLIED = '''\
        Applied V1 table (N ms)
        Applied V2 index (N ms)
        Applied 2 migrations, now at version 2 (N s)
        '''.stripIndent()

    def setup() {
        folder.write('V1__table.sql', 'CREATE TABLE t (a int);')
              .write('V2__index.sql', 'CREATE INDEX i ON t (a);\nDO $$ BEGIN PERFORM 1; END $$;')
    }

    def "with lint: #mode in migrun.yml, up #outcome"() {
        given:
        yaml("lint: $mode\n")

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        r.err == ''
        timeless(r.out) == shown + APPLIED
        db.rows('SELECT version FROM _migrationLog ORDER BY id')*.version == ['1', '2']

        where:
        mode   | shown          | outcome
        'warn' | FINDING + '\n' | 'shows each finding on a line of its own and applies the migrations'
        'off'  | ''             | 'lints nothing and applies the migrations'
    }

    def "without a lint setting up warns, as with lint: warn"() {
        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        timeless(r.out) == FINDING + '\n' + APPLIED
    }

    def "with lint: error up refuses before anything runs, exit 3, and says how to go on; a statement lint cannot read does not refuse"() {
        given:
        yaml('lint: error\n')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 3
        r.out == ''
        r.err == REFUSAL
        db.rows('SELECT version FROM _migrationLog').isEmpty()
    }

    def "up --dry-run warns and refuses as up does"() {
        given:
        yaml("lint: $mode\n")

        when:
        def r = migrun('up', '--dry-run')

        then:
        r.exitCode == exitCode
        r.out.readLines().take(1) == firstLine
        r.err == err

        where:
        mode    | exitCode | firstLine | err
        'warn'  | 0        | [FINDING] | ''
        'error' | 3        | []        | REFUSAL
    }

    def "only the pending migrations are linted: an applied one with a finding does not warn again"() {
        given:
        migrun('up')
        folder.write('V3__more.sql', 'ALTER TABLE t ADD COLUMN b int;')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        timeless(r.out) == 'Applied V3 more (N ms)\nApplied 1 migration, now at version 3 (N s)\n'
    }

    def "nothing pending, nothing linted: up with lint: error finds nothing to do"() {
        given:
        migrun('up')
        yaml('lint: error\n')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        r.out == 'Database is up to date at version 2; nothing to apply.\n'
    }

    def "an environment's lint wins over the top level's, and MIGRUN_LINT over both"() {
        given:
        yaml('lint: warn\nenvironments:\n  ci:\n    lint: error\n')

        when:
        def ci = migrun('up', '--env', 'ci')
        def overridden = run([MIGRUN_LINT: 'off'], 'up', '--env', 'ci')

        then:
        ci.exitCode == 3
        ci.err == REFUSAL
        overridden.exitCode == 0
        timeless(overridden.out) == APPLIED
    }

    def "an unknown lint value is refused with the values it takes"() {
        given:
        yaml('lint: strict\n')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 2
        r.err == "ERROR: Invalid lint 'strict': expected warn (the default), error or off.\n"
    }

    private void yaml(String text) {
        dir.resolve('migrun.yml').text = text
    }

    private CliResult run(Map<String, String> env, String... args) {
        Cli.run(dir, db.env() + env, args)
    }
}
