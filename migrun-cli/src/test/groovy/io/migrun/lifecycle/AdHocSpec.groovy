package io.migrun.lifecycle

import io.migrun.support.DatabaseSpecification

import java.nio.file.Files

class AdHocSpec extends DatabaseSpecification {

    def setup() {
        folder.write('V1__users.sql', '''\
                CREATE TABLE users (id int PRIMARY KEY, email text, credits numeric NOT NULL DEFAULT 0);
                INSERT INTO users VALUES (1, 'a@b.c', 5), (2, 'd@e.f', 0);
                ''')
        migrun('up')
        Files.createDirectories(dir.resolve('scripts'))
        dir.resolve('scripts/grant_credits.groovy').text = '''\
            description 'Grant credits to one user'
            arg 'email', String, required: true, description: 'whose credits'
            arg 'credits', BigDecimal, default: 10
            arg 'apiToken', String, secret: true
            run {
                def n = sql.executeUpdate('UPDATE users SET credits = credits + ? WHERE email = ?', [args.credits, args.email])
                if (args.apiToken == 'boom') throw new IllegalStateException("refused token ${args.apiToken}")
                [updated: n]
            }
            '''.stripIndent()
        dir.resolve('scripts/storage_report.groovy').text = '''\
            readOnly true
            run {
                [users: sql.firstRow('SELECT count(*) AS n FROM users').n, total: sql.firstRow('SELECT sum(credits) AS s FROM users').s]
            }
            '''.stripIndent()
        dir.resolve('scripts/sneaky_write.groovy').text = "readOnly true\nrun { sql.execute 'DELETE FROM users' }\n"
    }

    def "run binds typed arguments, records the run with its arguments and result, and masks secrets"() {
        when:
        def r = migrun('run', 'grant_credits', '--arg', 'email=a@b.c', '--arg', 'credits=2.5', '--arg', 'apiToken=tok-CANARY-123')

        then:
        r.exitCode == 0
        r.out ==~ /Ran grant_credits\.groovy \{"email":"a@b\.c","credits":2\.5,"apiToken":"\*\*\*"\} \(\d+ ms\)\nResult: \{"updated":1\}\n/
        db.value("SELECT credits FROM users WHERE id = 1") == 7.5
        db.rows("SELECT kind, script, state, args::text AS args, result::text AS result FROM _migrationLog WHERE kind = 'ad-hoc'") == [
                [kind: 'ad-hoc', script: 'grant_credits.groovy', state: 'succeeded',
                 args: '{"email": "a@b.c", "credits": 2.5, "apiToken": "***"}', result: '{"updated": 1}']]
        !db.rows("SELECT * FROM _migrationLog").toString().contains('tok-CANARY-123')
    }

    def "a missing, mistyped or unknown argument is a usage error before anything runs"() {
        when:
        def r = migrun('run', 'scripts/grant_credits.groovy', '--arg', 'credits=lots', '--arg', 'colour=red')

        then:
        r.exitCode == 2
        r.err == '''\
            ERROR: Cannot run grant_credits.groovy:
              unknown argument 'colour'
              missing required argument 'email'
              argument 'credits' must be a number (BigDecimal), got 'lots'
            Its arguments:
              --arg email=<String>  (required, whose credits)
              --arg credits=<BigDecimal>  (optional, default 10)
              --arg apiToken=<String>  (optional, secret)
            Nothing was run.
            '''.stripIndent()
        db.value("SELECT count(*) FROM _migrationLog WHERE kind = 'ad-hoc'") == 0
    }

    def "arguments may come as JSON; --once skips a run that already succeeded with the same arguments"() {
        when:
        def first = migrun('run', 'grant_credits', '--args-json', '{"email": "d@e.f", "credits": 3}', '--once')
        def second = migrun('run', 'grant_credits', '--arg', 'email=d@e.f', '--arg', 'credits=3', '--once')
        def other = migrun('run', 'grant_credits', '--arg', 'email=d@e.f', '--arg', 'credits=4', '--once')

        then:
        first.exitCode == 0
        second.exitCode == 0
        second.out ==~ /--once: grant_credits\.groovy already succeeded with these arguments on .* \(log id \d+\); not run again\.\n/
        other.exitCode == 0
        db.value("SELECT credits FROM users WHERE id = 2") == 7
    }

    def "--once runs again when the earlier run with the same arguments failed; the secret stays masked in the error"() {
        when:
        def failed = migrun('run', 'grant_credits', '--arg', 'email=a@b.c', '--arg', 'apiToken=boom', '--once')
        def retried = migrun('run', 'grant_credits', '--arg', 'email=a@b.c', '--arg', 'apiToken=boom', '--once')

        then:
        failed.exitCode == 1
        failed.err.startsWith('ERROR: Script grant_credits.groovy failed:\n  grant_credits.groovy:7: java.lang.IllegalStateException: refused token ***')
        retried.exitCode == 1
        db.rows("SELECT state FROM _migrationLog WHERE kind = 'ad-hoc' ORDER BY id")*.state == ['failed', 'failed']
        db.value("SELECT credits FROM users WHERE id = 1") == 5
        !db.rows("SELECT error FROM _migrationLog WHERE kind = 'ad-hoc'").toString().contains('boom')
    }

    def "a read-only script runs in a read-only transaction: its result is recorded, a write is refused"() {
        when:
        def report = migrun('run', 'storage_report')
        def sneaky = migrun('run', 'sneaky_write')

        then:
        report.exitCode == 0
        report.out.contains('Result: {"users":2,"total":5}')
        sneaky.exitCode == 1
        sneaky.err.contains('cannot execute DELETE in a read-only transaction')
        db.value('SELECT count(*) FROM users') == 2
    }

    def "run --dry-run rolls back and records nothing; history lists past runs of a script"() {
        when:
        def dry = migrun('run', 'grant_credits', '--arg', 'email=a@b.c', '--dry-run')
        migrun('run', 'grant_credits', '--arg', 'email=a@b.c')
        def history = migrun('history', '--script', 'grant_credits')

        then:
        dry.exitCode == 0
        dry.out.contains('public.users: 0 inserted, 1 updated, 0 deleted')
        dry.out.contains('result: {"updated":1}')
        history.exitCode == 0
        history.out.readLines()[0] ==~ /Id\s+When \(UTC\)\s+Kind\s+Script\s+State\s+Args\s+Result or error/
        history.out.readLines()[1] ==~ /\d+\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d  ad-hoc  grant_credits\.groovy  succeeded  \{"email": "a@b\.c", "credits": 10, "apiToken": null\}  \{"updated": 1\}/
        history.out.readLines().last() == '1 run of grant_credits.'
        db.value("SELECT credits FROM users WHERE id = 1") == 15
    }

    def "an unknown script names where it looked"() {
        when:
        def r = migrun('run', 'nope')

        then:
        r.exitCode == 2
        r.err.startsWith("ERROR: No script 'nope': looked for ")
        r.err.endsWith("Give a path, or the name of a .groovy or .sql file in ${dir.resolve('scripts')}.\n")
    }
}
