package io.migrun.cli

import io.migrun.Migrun
import io.migrun.MigrunException
import io.migrun.support.Cli
import io.migrun.support.DatabaseSpecification
import io.migrun.support.Poll
import io.migrun.support.TestPostgres
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicReference
import java.util.regex.Pattern

class WaitSpec extends DatabaseSpecification {

    static final String FIX = 'Check that the server is starting and that --url (or MIGRUN_URL, else DATABASE_URL, or url: in migrun.yml) points to it, '

    EmbeddedPostgres late

    def cleanup() {
        late?.close()
    }

    static int freePort() {
        new ServerSocket(0).withCloseable { it.localPort }
    }

    static String up(String database) {
        /Ready: / + Pattern.quote(database) + / accepts connections \(waited \d+\.\d s\)\n/
    }

    def "wait prints one line and exits 0 once the database accepts connections"() {
        when:
        def r = migrun('wait')

        then:
        r.exitCode == 0
        r.err == ''
        r.out ==~ up(db.url)
    }

    def "wait reads DATABASE_URL when MIGRUN_URL is not set, and never prints its password"() {
        given:
        def env = [DATABASE_URL: "postgres://${TestPostgres.APP_USER}:${TestPostgres.APP_PASSWORD}@localhost:${TestPostgres.port()}/${db.name}".toString()]

        when:
        def r = Cli.run(dir, env, 'wait')

        then:
        r.exitCode == 0
        r.out ==~ up(db.url)
        !(r.out + r.err).contains(TestPostgres.APP_PASSWORD)
    }

    def "at a port where nothing listens, wait gives up at the timeout with exit code 2, naming the URL and the last error"() {
        given:
        int port = freePort()
        def env = [MIGRUN_URL: "postgres://app:s3cret-pw@localhost:${port}/nothing".toString()]

        when:
        def r = Cli.run(dir, env, 'wait', '--timeout', '1s')

        then:
        r.exitCode == 2
        r.out == ''
        r.err == "ERROR: Timed out after 1 s waiting for jdbc:postgresql://localhost:${port}/nothing to accept connections. The last error: " +
                "Connection to localhost:${port} refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.\n" +
                FIX + "or wait longer with --timeout.\n"
        !r.err.contains('s3cret-pw')
    }

    def "wait polls until a server that starts later accepts connections"() {
        given: 'a socket that drops the first connection, then a PostgreSQL on its port'
        int port = freePort()
        ServerSocket socket = new ServerSocket(port)
        AtomicBoolean dropped = new AtomicBoolean()
        AtomicReference<Throwable> failure = new AtomicReference<>()
        Thread starter = Thread.start {
            try {
                socket.accept().close()
                dropped.set(true)
                socket.close()
                late = EmbeddedPostgres.builder().setPort(port).start()
            } catch (Throwable t) {
                failure.set(t)
            }
        }

        when:
        def r = Cli.run(dir, [MIGRUN_URL: "jdbc:postgresql://localhost:${port}/postgres".toString(), MIGRUN_USER: 'postgres'], 'wait', '--timeout', '60s')
        socket.close() // unblocks the starter when wait never connected, so the spec fails instead of hanging
        starter.join(120_000)

        then:
        failure.get() == null
        dropped.get()
        r.exitCode == 0
        r.out ==~ up("jdbc:postgresql://localhost:${port}/postgres")
    }

    def "a server that refuses the login ends the wait at once with the login error"() {
        when:
        def r = Cli.run(dir, db.env() + [MIGRUN_PASSWORD: 'not-the-password'], 'wait', '--timeout', '10m')

        then:
        r.exitCode == 2
        r.out == ''
        r.err == "ERROR: Cannot connect to ${db.url} as user \"app\": FATAL: password authentication failed for user \"app\"\n" +
                "Check --user and --password (or MIGRUN_USER and MIGRUN_PASSWORD, or user: and password: in migrun.yml).\n"
    }

    def "a stop request ends the wait between tries"() {
        given:
        int port = freePort()
        Migrun migrun = Migrun.configure().url("jdbc:postgresql://localhost:${port}/nothing").load()
        AtomicReference<Throwable> thrown = new AtomicReference<>()
        Thread waiting = Thread.start {
            try {
                migrun.awaitDatabase(Duration.ofMinutes(10))
            } catch (Throwable t) {
                thrown.set(t)
            }
        }

        when:
        migrun.requestStop()
        Poll.until('the wait ends') { !waiting.alive }

        then:
        thrown.get() instanceof MigrunException
        thrown.get().message == "Stopped as asked while waiting for jdbc:postgresql://localhost:${port}/nothing to accept connections."

        cleanup:
        migrun.close()
    }

    def "a timeout that is not a duration is a usage error"() {
        when:
        def r = migrun('wait', '--timeout', 'soon')

        then:
        r.exitCode == 2
        r.err == "ERROR: Invalid --timeout: 'soon' is not a duration: expected a number with ms, s, m, h or d, such as 60s.\n"
    }

    def "without a URL, wait starts the embedded PostgreSQL and says when it accepts connections"() {
        when:
        def r = Cli.run(dir, [:], 'wait')

        then:
        r.exitCode == 0
        r.out.readLines()[0].startsWith('Using the embedded PostgreSQL (created now) with its data in ')
        r.out.readLines()[1] ==~ up('the embedded PostgreSQL in ' + dir.resolve('.migrun/postgres')).replace('\\n', '')
        r.out.readLines().size() == 2
    }

    def "from a folder that is no migrun project, wait needs only a URL; without one it refuses to start an empty embedded PostgreSQL there"() {
        given:
        Path elsewhere = Files.createDirectories(dir.resolve('elsewhere'))

        when:
        def withUrl = Cli.run(elsewhere, db.env(), 'wait')
        def embedded = Cli.run(elsewhere, [:], 'wait')

        then:
        withUrl.exitCode == 0
        withUrl.out ==~ up(db.url)
        embedded.exitCode == 2
        embedded.err.startsWith("ERROR: No migrun project in ${elsewhere}: found neither a migrations folder (migrations/) nor a migrun.yml there.")
        !Files.exists(elsewhere.resolve('.migrun'))
    }

    def "wait is in the command list, and its help ends with examples"() {
        when:
        def list = Cli.run(dir, [:], '--help')
        def help = Cli.run(dir, [:], 'wait', '--help')

        then:
        list.out.contains('\n  wait        Wait until the database accepts connections, e.g. in a container\n' +
                '                that starts beside it; print one line when it does.\n')
        help.exitCode == 0
        help.out.readLines().find { it.startsWith('Usage: ') } == 'Usage: migrun wait [-h] [--password[=PASSWORD]] [--config=FILE] [--env=NAME]'
        help.out.endsWith('''\
            Examples:
              migrun wait                    wait up to 60 s for the configured database
              migrun wait --timeout 2m && migrun up
                                             wait up to 2 minutes, then apply the migrations
            Exits 0 once the database accepts connections, 2 when the timeout passes first
            or the server refuses the login.
            '''.stripIndent())
    }
}
