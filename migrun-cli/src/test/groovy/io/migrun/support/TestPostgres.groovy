package io.migrun.support

import groovy.sql.Sql
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.atomic.AtomicInteger

/**
 * One embedded PostgreSQL per test JVM, and a fresh database per spec. The superuser connects
 * without a password; the role {@code app} needs its password, so authentication failures are real.
 */
class TestPostgres {

    static final String APP_USER = 'app'
    static final String APP_PASSWORD = 'canary-Pa55word-7f3a'

    private static EmbeddedPostgres server
    private static final AtomicInteger counter = new AtomicInteger()

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            Path dir = Files.createTempDirectory('migrun-spec-pg')
            server = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start()
            requirePasswords(dir)
            Runtime.runtime.addShutdownHook(new Thread({ server.close() }))
        }
        server
    }

    private static void requirePasswords(Path dir) {
        dir.resolve('pg_hba.conf').text = '''\
            local all all trust
            host all postgres 127.0.0.1/32 trust
            host all postgres ::1/128 trust
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            '''.stripIndent()
        withSql(server.getJdbcUrl('postgres', 'postgres')) { Sql sql ->
            sql.execute('CREATE ROLE ' + APP_USER + " LOGIN PASSWORD '" + APP_PASSWORD + "'")
            sql.execute('SELECT pg_reload_conf()')
        }
    }

    static int port() {
        server().port
    }

    /** A new empty database owned by {@code app}. */
    static FreshDatabase fresh() {
        server()
        String name = "spec_${counter.incrementAndGet()}_${ProcessHandle.current().pid()}"
        withSql(server.getJdbcUrl('postgres', 'postgres')) { Sql sql ->
            sql.execute('CREATE DATABASE ' + name + ' OWNER ' + APP_USER)
        }
        new FreshDatabase(name, "jdbc:postgresql://localhost:${port()}/${name}")
    }

    static <T> T withSql(String url, Closure<T> work) {
        Sql sql = Sql.newInstance(url)
        try {
            work(sql)
        } finally {
            sql.close()
        }
    }
}
