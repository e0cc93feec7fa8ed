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
    void holdTable(boolean sameUser = true) {
        holder = sameUser
                ? Sql.newInstance(db.url + '?ApplicationName=report-job', TestPostgres.APP_USER, TestPostgres.APP_PASSWORD)
                : Sql.newInstance(db.url + '?user=postgres&ApplicationName=report-job')
        holder.connection.autoCommit = false
        holder.firstRow(REPORT)
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

    def "a migration without a transaction tries only the statement that timed out again"() {
        given:
        folder.write('V2__c.sql', '''\
            -- migrun: transaction false
            CREATE TABLE notes (v text);
            INSERT INTO notes VALUES ('once');
            ALTER TABLE t ADD COLUMN c int;
            ''')

        when:
        CliResult r = upWhileHeldUntilRetried(MIGRUN_DDL_LOCK_TIMEOUT: '200ms', MIGRUN_LOCK_RETRIES: '50')

        then:
        r.exitCode == 0
        !retries().isEmpty()
        retries().eachWithIndex { String line, int i -> assert line ==~ retryLine('V2', i + 1, 51, 'trying the statement again') }
        db.value('SELECT count(*) FROM notes') == 1
        db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c'") == 1
        log() == [[version: '1', state: 'succeeded'], [version: '2', state: 'succeeded']]
    }
}
