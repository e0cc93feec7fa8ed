package io.migrun.session

import groovy.sql.Sql
import io.migrun.cli.Main
import io.migrun.support.CliResult
import io.migrun.support.DatabaseSpecification
import io.migrun.support.Poll
import io.migrun.support.TestPostgres

import java.util.regex.Pattern

/**
 * The lock guard: a migration statement that waits for a lock another session holds gives up after the lock
 * timeout, is tried again after a pause and succeeds once that session ends; after the last attempt it fails
 * naming the session. Session A here is a report that read table t in a transaction it keeps open.
 */
class LockGuardSpec extends DatabaseSpecification {

    static final String REPORT = "SELECT count(*) FROM t WHERE '${TestPostgres.APP_PASSWORD}' <> ''"

    Sql holder
    ByteArrayOutputStream out = new ByteArrayOutputStream()
    ByteArrayOutputStream err = new ByteArrayOutputStream()

    def setup() {
        folder.write('V1__t.sql', 'CREATE TABLE t (id int);')
        assert migrun('up').exitCode == 0
    }

    def cleanup() {
        holder?.close()
    }

    /**
     * Session A: reads t in a transaction it keeps open, holding an ACCESS SHARE lock that ALTER TABLE waits for;
     * as migrun's user, who may see its query, or as another (the superuser), whose query it may not see.
     */
    void holdTable(boolean sameUser = true, String statement = REPORT) {
        holder = sameUser
                ? Sql.newInstance(db.url + '?ApplicationName=report-job', TestPostgres.APP_USER, TestPostgres.APP_PASSWORD)
                : Sql.newInstance(db.url + '?user=postgres&ApplicationName=report-job')
        holder.connection.autoCommit = false
        holder.execute(statement)
    }

    /** Runs {@code migrun up} on a thread of its own, its output readable while it runs. */
    Thread upInBackground(Map<String, String> env, CliResult result) {
        Thread.start {
            int code = Main.run(['up'] as String[], new PrintStream(out, true, 'UTF-8'), new PrintStream(err, true, 'UTF-8'),
                    db.env() + env, dir)
            result.exitCode = code
        }
    }

    String printed() {
        out.toString('UTF-8')
    }

    /** The retry lines {@code up} printed. */
    List<String> retries() {
        printed().readLines().findAll { it.contains('waiting for a lock') }
    }

    static String retryLine(String version, int attempt, int of, String what) {
        Pattern.quote("${version}: timed out after 200 ms waiting for a lock (attempt ${attempt} of ${of}), blocked by pid ") + '\\d+' +
                Pattern.quote(' "report-job" (idle in transaction, transaction open ') + '\\d+ m?s' +
                Pattern.quote("): SELECT count(*) FROM t WHERE '***' <> ''; ${what} in ") + '\\d+' + Pattern.quote(' ms.')
    }

    CliResult upWhileHeldUntilRetried(Map<String, String> env) {
        holdTable()
        CliResult r = new CliResult(-1, null, null)
        Thread up = upInBackground(env, r)
        Poll.until('the first retry is printed') { !retries().isEmpty() }
        holder.commit()
        up.join(60_000)
        r.out = printed()
        r.err = err.toString('UTF-8')
        r
    }

    List<Map> log() {
        db.rows('SELECT version, state FROM _migrationLog ORDER BY id')
    }

    def "a transactional #type migration that times out on a lock is rolled back, tried again and applied once the lock is released"() {
        given:
        folder.write(file, text)

        when:
        CliResult r = upWhileHeldUntilRetried(MIGRUN_LOCK_RETRIES: '50', MIGRUN_LOCK_RETRY_TIME: '60s')

        then:
        r.exitCode == 0
        !retries().isEmpty()
        retries().eachWithIndex { String line, int i -> assert line ==~ retryLine('V2', i + 1, 51, 'rolled back, trying again') }
        r.out.contains('Applied 1 migration')
        db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c'") == 1
        db.value('SELECT count(*) FROM notes') == 1
        log() == [[version: '1', state: 'succeeded'], [version: '2', state: 'succeeded']]

        where:
        type     | file           | text
        'SQL'    | 'V2__c.sql'    | '''\
            -- migrun: lock-timeout 200ms
            CREATE TABLE notes (v text);
            INSERT INTO notes VALUES ('once');
            ALTER TABLE t ADD COLUMN c int;
            '''
        'Groovy' | 'V2__c.groovy' | '''\
            lockTimeout '200ms'
            up {
                sql.execute 'CREATE TABLE notes (v text)'
                sql.execute "INSERT INTO notes VALUES ('once')"
                sql.execute 'ALTER TABLE t ADD COLUMN c int'
            }
            '''
    }

    def "a #type migration without a transaction tries only the statement that timed out again"() {
        given:
        folder.write(file, text)

        when:
        CliResult r = upWhileHeldUntilRetried(MIGRUN_DDL_LOCK_TIMEOUT: '200ms', MIGRUN_LOCK_RETRIES: '50')

        then:
        r.exitCode == 0
        !retries().isEmpty()
        retries().eachWithIndex { String line, int i -> assert line ==~ retryLine('V2', i + 1, 51, 'trying the statement again') }
        db.value('SELECT count(*) FROM notes') == 1
        db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c'") == 1
        log() == [[version: '1', state: 'succeeded'], [version: '2', state: 'succeeded']]

        where:
        type     | file           | text
        'SQL'    | 'V2__c.sql'    | '''\
            -- migrun: transaction false
            CREATE TABLE notes (v text);
            INSERT INTO notes VALUES ('once');
            ALTER TABLE t ADD COLUMN c int;
            '''
        'Groovy' | 'V2__c.groovy' | '''\
            transaction false
            up {
                sql.execute 'CREATE TABLE notes (v text)'
                sql.executeUpdate "INSERT INTO notes VALUES ('once')"
                sql.execute 'ALTER TABLE t ADD COLUMN c int'
            }
            '''
    }

    /** {@code text} as a pattern in which {@code <pid>} and {@code <n>} stand for a number and {@code <age>} for a duration. */
    static String exact(String text) {
        text.split('(?=<pid>|<n>|<age>)|(?<=<pid>|<n>|<age>)').collect {
            it == '<pid>' || it == '<n>' ? '\\d+' : it == '<age>' ? '\\d+ m?s' : Pattern.quote(it)
        }.join('')
    }

    static final String BLOCKER = 'blocked by pid <pid> "report-job" (idle in transaction, transaction open <age>): SELECT count(*) FROM t WHERE \'***\' <> \'\''

    def "after the last attempt the migration fails with exit 1, every attempt's blockers in the error and the failed row"() {
        given:
        folder.write('V2__c.sql', 'ALTER TABLE t ADD COLUMN c int;')
        holdTable()

        when:
        CliResult r = migrun('up', '--ddl-lock-timeout', '200ms', '--lock-retries', '2')

        then:
        r.exitCode == 1
        r.out ==~ exact("""\
            V2: timed out after 200 ms waiting for a lock (attempt 1 of 3), ${BLOCKER}; rolled back, trying again in <n> ms.
            V2: timed out after 200 ms waiting for a lock (attempt 2 of 3), ${BLOCKER}; rolled back, trying again in <n> ms.
            """.stripIndent())
        String story = """\
            V2__c.sql:1: ERROR: canceling statement due to lock timeout
              Statement: ALTER TABLE t ADD COLUMN c int
            The lock guard gave up after 3 attempts in <n> ms: lockRetries (2) were used up. Each timed out after 200 ms (ddlLockTimeout) waiting for a lock:
              attempt 1: ${BLOCKER}
              attempt 2: ${BLOCKER}
              attempt 3: ${BLOCKER}
            Let those sessions finish or end them (pg_terminate_backend), then run migrun up again; or give the guard more room with ddlLockTimeout, lockRetries or lockRetryTime.""".stripIndent()
        r.err ==~ exact('ERROR: Migration V2 (V2__c.sql) failed:\n  ' + story.replace('\n', '\n  ') + '\n'
                + 'Its transaction was rolled back, so nothing of it was applied. The script may be fine; run migrun up to apply it once those sessions have ended.\n')
        List<Map> failed = db.rows('SELECT state, error FROM _migrationLog WHERE version = \'2\'')
        failed.size() == 1 && failed[0].state == 'failed'
        (failed[0].error as String) ==~ exact(story)
        db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c'") == 0
    }

    def "a migration stops trying when another attempt would pass lockRetryTime"() {
        given:
        folder.write('V2__c.sql', 'ALTER TABLE t ADD COLUMN c int;')
        holdTable()

        when:
        CliResult r = migrun('up', '--ddl-lock-timeout', '200ms', '--lock-retries', '50', '--lock-retry-time', '1s')

        then:
        r.exitCode == 1
        r.err.contains(': another would pass lockRetryTime (1 s). Each timed out after 200 ms (ddlLockTimeout) waiting for a lock:\n')
        r.out.readLines().every { it ==~ exact("V2: timed out after 200 ms waiting for a lock (attempt <n> of 51), ${BLOCKER}; rolled back, trying again in <n> ms.") }
        r.out.readLines().size() >= 1
    }

    def "a blocker whose details migrun's user may not see is named by its application and how to see the rest"() {
        given:
        folder.write('V2__c.sql', 'ALTER TABLE t ADD COLUMN c int;')
        holdTable(false)

        when:
        CliResult r = migrun('up', '--ddl-lock-timeout', '200ms', '--lock-retries', '0')

        then:
        r.exitCode == 1
        r.out == ''
        r.err ==~ exact('ERROR: Migration V2 (V2__c.sql) failed:\n  V2__c.sql:1: ERROR: canceling statement due to lock timeout\n'
                + '    Statement: ALTER TABLE t ADD COLUMN c int\n'
                + '  The lock guard gave up after 1 attempt in <n> ms: lockRetries (0) were used up. It timed out after 200 ms (ddlLockTimeout) waiting for a lock:\n'
                + '    attempt 1: blocked by pid <pid> "report-job" (its state and query are hidden from migrun\'s database user; grant that user pg_read_all_stats to see them)\n'
                + '  Let those sessions finish or end them (pg_terminate_backend), then run migrun up again; or give the guard more room with ddlLockTimeout, lockRetries or lockRetryTime.\n'
                + 'Its transaction was rolled back, so nothing of it was applied. The script may be fine; run migrun up to apply it once those sessions have ended.\n')
    }

    def "with the guard off (0) a migration waits for the lock as long as it is held, and is applied when it is released"() {
        given:
        folder.write('V2__c.sql', 'ALTER TABLE t ADD COLUMN c int;')
        holdTable()
        CliResult r = new CliResult(-1, null, null)

        when:
        Thread up = upInBackground([MIGRUN_DDL_LOCK_TIMEOUT: '0'], r)
        Poll.until('the migration has waited for the lock for 1 s') {
            db.value("""SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'ALTER TABLE t%'
                        AND clock_timestamp() - query_start > interval '1 second'""") == 1
        }
        holder.commit()
        up.join(60_000)

        then:
        r.exitCode == 0
        retries() == []
        printed().contains('Applied 1 migration')
        db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c'") == 1
    }

    def "a batch of a resumable migration that times out on a lock is retried as the walk retries its batches"() {
        given:
        db.sql { it.execute('INSERT INTO t SELECT generate_series(1, 5); ALTER TABLE t ADD PRIMARY KEY (id)') }
        folder.write('V2__walk.groovy', "up { eachBatch('t', key: 'id', batchSize: 10) { rows -> sql.execute 'UPDATE t SET id = id' } }\n")
        holdTable(true, 'LOCK TABLE t IN SHARE MODE')
        CliResult r = new CliResult(-1, null, null)

        when:
        Thread up = upInBackground([MIGRUN_DDL_LOCK_TIMEOUT: '200ms'], r)
        Poll.until('the batch is retried') { printed().contains('retrying the batch') }
        holder.commit()
        up.join(60_000)

        then:
        r.exitCode == 0
        printed().contains("  [V2 warn] eachBatch t: timed out waiting for a lock; retrying the batch (attempt 2 of 5)\n")
        log() == [[version: '1', state: 'succeeded'], [version: '2', state: 'succeeded']]
    }

    def "a Groovy migration without a transaction that runs out of attempts fails naming the blockers, its earlier statements in place"() {
        given:
        folder.write('V2__c.groovy', """\
            transaction false
            up {
                sql.execute 'CREATE TABLE notes (v text)'
                sql.execute 'ALTER TABLE t ADD COLUMN c int'
            }
            """)
        holdTable()

        when:
        CliResult r = migrun('up', '--ddl-lock-timeout', '200ms', '--lock-retries', '0')

        then:
        r.exitCode == 1
        r.out == ''
        r.err ==~ exact('ERROR: Migration V2 (V2__c.groovy) failed:\n  V2__c.groovy:4: ERROR: canceling statement due to lock timeout\n'
                + '  The lock guard gave up after 1 attempt in <n> ms: lockRetries (0) were used up. '
                + 'It timed out after 200 ms (ddlLockTimeout) waiting for a lock:\n'
                + "    attempt 1: ${BLOCKER}\n"
                + '  Let those sessions finish or end them (pg_terminate_backend), then run migrun up again; or give the guard more room with ddlLockTimeout, lockRetries or lockRetryTime.\n'
                + 'It ran without a transaction, so some of its changes may be in place. Check the database and undo or finish them by hand, then run\n'
                + '  migrun repair 2                  to run it again with the next migrun up\n'
                + '  migrun repair 2 --mark-applied   if you completed it by hand\n')
        db.value("SELECT to_regclass('public.notes') IS NOT NULL")
    }
}
