package io.migrun.spring.boot

import groovy.sql.Sql
import io.migrun.Migrun
import io.migrun.spring.boot.app.DemoApplication
import spock.lang.Specification

import java.nio.file.Path
import java.util.concurrent.TimeUnit
import java.util.regex.Pattern

import static io.migrun.spring.boot.SpringPostgres.appTables
import static io.migrun.spring.boot.SpringPostgres.freshUrl
import static io.migrun.spring.boot.SpringPostgres.migrations
import static io.migrun.spring.boot.SpringPostgres.withSql

/** {@code migrun.mode=init-job} in a JVM of its own: the exit code is what a Kubernetes init container reports. */
class InitJobProcessSpec extends Specification {

    static final String CREATE = 'CREATE TABLE greeting (id bigint PRIMARY KEY, text text NOT NULL);'

    String url = freshUrl()

    def "an init job that applies every migration exits 0 before the rest of the application starts"() {
        given:
        Path folder = migrations(['V1__create_greeting.sql': CREATE])

        when:
        Finished job = initJob(folder)

        then:
        job.code == 0
        job.output.contains('migrun applied 1 migration(s); the database is at version 1')
        job.output.contains('migrun.mode=init-job: done, exiting with 0')
        !job.output.contains('HHH000204: Processing PersistenceUnitInfo')
        appTables(url) == ['greeting']
    }

    def "an init job whose migration fails exits 1 with migrun's message"() {
        given:
        Path folder = migrations(['V1__create_greeting.sql': CREATE, 'V2__broken.sql': 'INSERT INTO nowhere VALUES (1);'])

        when:
        Finished job = initJob(folder)

        then:
        job.code == 1
        job.output.contains('''\
            Migration V2 (V2__broken.sql) failed:
              V2__broken.sql:1: ERROR: relation "nowhere" does not exist'''.stripIndent())
        job.output.contains('migrun.mode=init-job: failed, exiting with 1')
        appTables(url) == ['greeting']
    }

    def "an application whose migration fails at start-up does not start, reports why and exits 1"() {
        given:
        Path folder = migrations(['V1__create_greeting.sql': CREATE, 'V2__broken.sql': 'INSERT INTO nowhere VALUES (1);'])

        when:
        Finished app = application(folder, 'migrate')

        then:
        app.code == 1
        app.output.contains('''\
            Description:

            Migration V2 (V2__broken.sql) failed:
              V2__broken.sql:1: ERROR: relation "nowhere" does not exist
                Position: 13
                Statement: INSERT INTO nowhere VALUES (1)
            Its transaction was rolled back, so nothing of it was applied. Fix the script and run migrun up again.

            Action:

            Fix what the description names (the failed script, or the database), then start the application again. migrun ends the start-up with exit code 1 (failed).
            '''.stripIndent())
        !app.output.contains('HHH000204: Processing PersistenceUnitInfo')
    }

    def "an init job with a setting migrun refuses exits 2 with migrun's message"() {
        when:
        Finished job = initJob(migrations(['V1__create_greeting.sql': CREATE]), '--migrun.target=next')

        then:
        job.code == 2
        job.output.contains('''\
            ***************************
            APPLICATION FAILED TO START
            ***************************

            Description:

            Invalid migrun.target: 'next' is not a version: expected digits separated by dots, such as 7, 1.2 or 20261121093000.

            Action:

            Correct the migrun.* setting the description names, then start the application again. migrun ends the start-up with exit code 2 (configuration).
            '''.stripIndent())
        appTables(url) == []
    }

    def "an init job whose applied migration was edited exits 3"() {
        given:
        Path folder = migrations(['V1__create_greeting.sql': CREATE])
        withMigrun(folder) { it.migrate() }
        folder.resolve('V1__create_greeting.sql').text = CREATE + '\nCOMMENT ON TABLE greeting IS \'edited\';'

        when:
        Finished job = initJob(folder)

        then:
        job.code == 3
        job.output.contains('migrun.mode=init-job: failed, exiting with 3')
        job.output =~ (/Validation failed: the migrations in ${Pattern.quote(folder.toString())} and the log public\._migrationlog disagree\.\n/ +
                /  V1 \(V1__create_greeting\.sql\) was changed after it was applied on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC:\n/ +
                /      recorded sha256:[0-9a-f]{64}\n      now      sha256:[0-9a-f]{64}\nHow to fix:\n/ +
                /  changed: restore the applied text \(e\.g\. git checkout the file\) and put new work in a new migration \(migrun new\); / +
                /if the edit was deliberate and is safe, accept it with migrun repair --accept-checksum VERSION\.\n/)
    }

    def "an init job that does not get the migration lock in time exits 4 naming the holder"() {
        given: 'a runner holds the lock while its migration waits on the spec'
        Path folder = migrations(['V1__wait.sql': 'SELECT pg_advisory_lock(4242);'])
        Sql gate = Sql.newInstance(url, 'postgres', '')
        gate.execute('SELECT pg_advisory_lock(4242)')
        Migrun holder = runner(folder)
        Thread running = Thread.start { holder.migrate() }
        poll('the runner holds the migration lock') {
            withSql(url) { it.firstRow("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name LIKE 'migrun pid=%'").n > 0 }
        }

        when:
        Finished job = initJob(folder, '--migrun.lock-timeout=1s')

        then:
        job.code == 4
        job.output =~ /Timed out after 1 s waiting for the migration lock on public\._migrationlog\. It is held by "migrun pid=\d+ host=[^"]+"/
        job.output.contains('migrun.mode=init-job: failed, exiting with 4')

        cleanup:
        gate?.execute('SELECT pg_advisory_unlock(4242)')
        gate?.close()
        running?.join(60_000)
        holder?.close()
    }

    /** Runs the demo application with {@code migrun.mode=init-job} in a new JVM and waits for it to end. */
    Finished initJob(Path folder, String... more) {
        application(folder, 'init-job', more)
    }

    /** Runs the demo application with this {@code migrun.mode} in a new JVM and waits for it to end. */
    Finished application(Path folder, String mode, String... more) {
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        List<String> command = [java, '-Xmx256m', '-XX:TieredStopAtLevel=1', '-cp', System.getProperty('java.class.path'),
                                DemoApplication.name, "--spring.datasource.url=${url}".toString(), '--spring.datasource.username=postgres',
                                '--spring.jpa.hibernate.ddl-auto=validate', '--spring.main.banner-mode=off',
                                "--migrun.mode=${mode}".toString(), "--migrun.locations=${folder}".toString()] + more.toList()
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start()
        def output = new StringBuffer()
        Thread reader = p.consumeProcessOutputStream(output)
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly()
            throw new AssertionError("the init job did not end within 120 s: ${output}")
        }
        reader.join()
        new Finished(p.exitValue(), output.toString())
    }

    Migrun runner(Path folder) {
        Migrun.configure().url(url).user('postgres').migrations(folder).load()
    }

    void withMigrun(Path folder, Closure work) {
        Migrun migrun = runner(folder)
        try {
            work(migrun)
        } finally {
            migrun.close()
        }
    }

    static void poll(String what, Closure<Boolean> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60)
        while (!condition()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: ${what}")
            }
            Thread.sleep(50)
        }
    }

    static class Finished {
        final int code
        final String output

        Finished(int code, String output) {
            this.code = code
            this.output = output
        }

        String toString() { "exit ${code}:\n${output}" }
    }
}
