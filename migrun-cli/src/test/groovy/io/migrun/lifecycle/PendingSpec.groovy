package io.migrun.lifecycle

import io.migrun.support.DatabaseSpecification

/**
 * One meaning of pending: what {@code up} runs. The confirmation of a protected environment, the
 * dry run and validate say what up would do, also about migrations an operator holds and runs
 * whose runner died.
 */
class PendingSpec extends DatabaseSpecification {

    static final String HOLD = /V(\d) \(V\d__\w+\.sql\) is paused: app on \S+ \(pid \d+\) paused it on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\. Run migrun resume \1, then migrun up, to go on\./

    def setup() {
        dir.resolve('migrun.yml').text = 'environments:\n  prod:\n    protected: true\n  dev: {}\n'
        folder.write('V1__one.sql', 'CREATE TABLE one (id int);')
        migrun('up', '--env', 'dev')
        folder.write('V2__two.sql', 'CREATE TABLE two (id int);')
        folder.write('V3__three.sql', 'CREATE TABLE three (id int);')
    }

    def "a protected environment is asked only about what up will run: not a held migration, nor what comes after it"() {
        given:
        migrun('pause', '3', '--env', 'dev')

        when:
        def refused = migrun('up', '--env', 'prod')

        then:
        refused.exitCode == 2
        refused.err == '''\
            ERROR: prod is a protected environment, and there is no terminal to confirm on. This would:
              apply V2 two
            Nothing was done. Run it from a terminal, or add --yes to confirm (e.g. in a deployment job).
            '''.stripIndent()
    }

    def "up with nothing to run before a held migration asks nothing and stops at the hold"() {
        given:
        migrun('pause', '2', '--env', 'dev')

        when:
        def up = migrun('up', '--env', 'prod')

        then:
        up.exitCode == 0
        up.out.readLines().size() == 1
        up.out.readLines()[0] ==~ HOLD
        db.value("SELECT to_regclass('two') IS NULL") == true
    }

    def "up --dry-run rehearses what up runs: it stops before a held migration, as up does"() {
        given:
        migrun('pause', '3', '--env', 'dev')

        when:
        def dry = migrun('up', '--dry-run', '--env', 'dev')

        then:
        dry.exitCode == 0
        dry.out.readLines()[0] ==~ HOLD
        dry.out.readLines().drop(1) == [
                'Dry run: pending migrations run in one transaction that is rolled back; nothing is committed or recorded.',
                'V2 two',
                '  no rows changed',
                'Dry run finished: 1 migration ran and was rolled back.']
    }

    def "validate counts a held migration as pending: it waits to be applied"() {
        given:
        migrun('pause', '2', '--env', 'dev')

        expect:
        migrun('validate', '--env', 'dev').out == 'Validated 3 migrations: 1 applied with matching checksums, 2 pending.\n'
    }

    def "status counts as pending what validate counts: a held migration and a run whose runner died (#situation)"() {
        given:
        setUp(this)

        expect:
        migrun('status', '--env', 'dev').out.readLines().last() == 'Now at version 1; 2 pending.'
        migrun('validate', '--env', 'dev').out == 'Validated 3 migrations: 1 applied with matching checksums, 2 pending.\n'

        where:
        situation                | setUp
        'V2 held by a pause'     | { PendingSpec s -> s.migrun('pause', '2', '--env', 'dev') }
        'V2 left by a dead runner' | { PendingSpec s -> s.db.sql { it.execute("""INSERT INTO _migrationlog (version, description, script, kind, checksum, state, transactional, run_by)
                                                 VALUES ('2', 'two', 'V2__two.sql', 'versioned', 'sha256:00', 'running', true, 'app on elsewhere (pid 4242)')""") } }
    }

    def "a run whose runner died is pending in validate, the dry run and the confirmation, since up closes it and runs it again"() {
        given: 'a log row of V2 left running by a runner on another host, which holds no lock any more'
        db.sql { it.execute("""INSERT INTO _migrationlog (version, description, script, kind, checksum, state, transactional, run_by)
                               VALUES ('2', 'two', 'V2__two.sql', 'versioned', 'sha256:00', 'running', true, 'app on elsewhere (pid 4242)')""") }

        when:
        def validate = migrun('validate', '--env', 'dev')
        def dry = migrun('up', '--dry-run', '--env', 'dev')
        def refused = migrun('up', '--env', 'prod')

        then:
        validate.out == 'Validated 3 migrations: 1 applied with matching checksums, 2 pending.\n'
        dry.out.readLines().findAll { it ==~ /V\d \w+/ } == ['V2 two', 'V3 three']
        refused.exitCode == 2
        refused.err.startsWith('''\
            ERROR: prod is a protected environment, and there is no terminal to confirm on. This would:
              apply V2 two (interrupted, runs again)
              apply V3 three
            '''.stripIndent())
        db.value("SELECT to_regclass('two') IS NULL") == true
    }

    def "up --dry-run refuses as up does when a run without a transaction whose runner died blocks it, and rehearses nothing"() {
        given:
        db.sql { it.execute("""INSERT INTO _migrationlog (version, description, script, kind, checksum, state, transactional, run_by)
                               VALUES ('2', 'two', 'V2__two.sql', 'versioned', 'sha256:00', 'running', false, 'app on elsewhere (pid 4242)')""") }

        when:
        def dry = migrun('up', '--dry-run', '--env', 'dev')

        then:
        dry.exitCode == 1
        dry.out == ''
        dry.err == '''\
            ERROR: V2 (V2__two.sql) was cut off while it ran without a transaction, by a runner that is gone, so some of its changes may be in place. migrun up will record it as partly applied and run nothing until it is repaired; the dry run rehearsed nothing. Run migrun up to record it, check the database, then migrun repair 2 (run it again) or migrun repair 2 --mark-applied (it was finished by hand).
            '''.stripIndent()
    }

    def "a run without a transaction whose runner died is not pending: up stops at it until it is repaired"() {
        given:
        db.sql { it.execute("""INSERT INTO _migrationlog (version, description, script, kind, checksum, state, transactional, run_by)
                               VALUES ('2', 'two', 'V2__two.sql', 'versioned', 'sha256:00', 'running', false, 'app on elsewhere (pid 4242)')""") }

        when:
        def up = migrun('up', '--env', 'prod')

        then: 'nothing to confirm: up closes the run as partial and refuses to go on'
        up.exitCode == 1
        up.err.contains('V2 (V2__two.sql) failed on ')
        up.err.contains(' without a transaction, so it may be partially applied:')
    }

    def "a protected environment whose folder drifted gets up's validation error before anything is asked"() {
        given:
        folder.write('V1__one.sql', 'CREATE TABLE one (id bigint);')

        when:
        def up = migrun('up', '--env', 'prod')

        then:
        up.exitCode == 3
        up.err.startsWith('ERROR: Validation failed: the migrations in ')
        up.err.contains('  V1 (V1__one.sql) was changed after it was applied on ')
    }
}
