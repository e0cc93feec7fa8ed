package io.migrun.spring.boot

import groovy.sql.Sql
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.atomic.AtomicInteger

/** One embedded PostgreSQL per test JVM, and a new empty database for each use. */
class SpringPostgres {

    private static EmbeddedPostgres server
    private static final AtomicInteger counter = new AtomicInteger()

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            server = EmbeddedPostgres.builder().setDataDirectory(Files.createTempDirectory('migrun-spring-pg'))
                    .setCleanDataDirectory(true).start()
            Runtime.runtime.addShutdownHook(new Thread({ server.close() }))
        }
        server
    }

    /** The JDBC URL of a new empty database; the superuser {@code postgres} connects without a password. */
    static String freshUrl() {
        String name = "boot_${counter.incrementAndGet()}_${ProcessHandle.current().pid()}"
        withSql(server().getJdbcUrl('postgres', 'postgres')) { Sql sql -> sql.execute('CREATE DATABASE ' + name) }
        "jdbc:postgresql://localhost:${server().port}/${name}"
    }

    static <T> T withSql(String url, Closure<T> work) {
        Sql sql = Sql.newInstance(url, 'postgres', '')
        try {
            work(sql)
        } finally {
            sql.close()
        }
    }

    /** The names of the tables of the public schema, sorted. */
    static List<String> tables(String url) {
        withSql(url) { Sql sql ->
            sql.rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")*.tablename
        }
    }

    /** The tables of the public schema but migrun's own ({@code _migration...}), sorted. */
    static List<String> appTables(String url) {
        tables(url).findAll { !it.startsWith('_migration') }
    }

    /** A new migrations folder holding {@code files} (name to text). */
    static Path migrations(Map<String, String> files) {
        Path dir = Files.createTempDirectory('migrun-spring-migrations')
        files.each { name, text -> dir.resolve(name).text = text.stripIndent() }
        dir
    }
}
