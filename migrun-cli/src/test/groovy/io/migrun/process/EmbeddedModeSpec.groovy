package io.migrun.process

import io.migrun.support.Cli
import groovy.sql.Sql
import io.migrun.support.MigrationFolder
import io.migrun.support.Poll
import io.migrun.support.TestPostgres
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.NoSuchFileException
import java.nio.file.Path

class EmbeddedModeSpec extends Specification {

    @TempDir
    Path dir

    def "without a URL, up announces the embedded PostgreSQL first and keeps its data between runs"() {
        given:
        new MigrationFolder(dir).write('V1__t.sql', 'CREATE TABLE t (v int); INSERT INTO t VALUES (1);')

        when:
        def first = Cli.run(dir, [:], 'up')
        def second = Cli.run(dir, [:], 'up')

        then:
        first.exitCode == 0
        first.out.readLines()[0] == 'Using the embedded PostgreSQL (created now) with its data in ' + display(dir.resolve('.migrun/postgres')) + '; set --url, MIGRUN_URL or DATABASE_URL to use another database.'
        second.out == 'Using the embedded PostgreSQL with its data in ' + display(dir.resolve('.migrun/postgres')) + '; set --url, MIGRUN_URL or DATABASE_URL to use another database.\n' +
                'Database is up to date at version 1; nothing to apply.\n'
        Files.exists(dir.resolve('.migrun/postgres/PG_VERSION'))
    }

    def "an embedded server left running by a killed runner is stopped, and the next up finishes the work"() {
        given:
        new MigrationFolder(dir).write('V1__slow.groovy', '''\
            up {
                sql.execute 'CREATE TABLE t (v int)'
                if (System.getenv('SPEC_SLOW')) {
                    sql.execute 'SELECT pg_sleep(30)'
                }
            }
            ''')
        def victim = Cli.start(dir, [SPEC_SLOW: '1'], 'up')
        awaitSleeping(dir.resolve('.migrun/postgres/postmaster.pid'), victim)

        when:
        victim.destroyForcibly().waitFor()
        long leftover = Long.parseLong(dir.resolve('.migrun/postgres/postmaster.pid').readLines()[0].trim())
        def next = Cli.finish(Cli.start(dir, [:], 'up'))

        then:
        ProcessHandle.of(leftover).map { it.alive }.orElse(false) == false
        next.exitCode == 0
        next.out.readLines()[0] == "Stopping an embedded PostgreSQL (pid ${leftover}) left running by an earlier migrun that was stopped abruptly."
        next.out.contains('Applied V1 slow (')
    }

    /**
     * Polls until the embedded server the victim started runs its pg_sleep: postmaster.pid says
     * "ready" (initdb writes one too, before the server starts) and names the port to ask on.
     */
    private static void awaitSleeping(Path pidFile, Process victim) {
        Poll.until('the embedded server runs the pg_sleep', watched: victim, everyMillis: 100) {
            List<String> lines = readIfThere(pidFile)
            lines.size() >= 8 && lines[7].trim() == 'ready' &&
                    TestPostgres.withSql("jdbc:postgresql://localhost:${lines[3].trim()}/postgres?user=postgres") { Sql sql ->
                        sql.firstRow("SELECT count(*) AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)'").n > 0
                    }
        }
    }

    /** The file's lines, or none when it is not there: initdb's server removes its pid file as it stops, so it may go between a check and a read. */
    private static List<String> readIfThere(Path file) {
        try {
            Files.readAllLines(file)
        } catch (NoSuchFileException ignored) {
            []
        }
    }

    private static String display(Path p) {
        Path cwd = Path.of('').toAbsolutePath()
        p.toAbsolutePath().startsWith(cwd) ? cwd.relativize(p.toAbsolutePath()).toString() : p.toAbsolutePath().toString()
    }
}
