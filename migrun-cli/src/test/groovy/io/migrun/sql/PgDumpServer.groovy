package io.migrun.sql

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import java.util.zip.ZipFile

/**
 * A second embedded PostgreSQL whose major version matches the machine's pg_dump and psql
 * (Debian's postgresql-client-15; the specs' main server is PostgreSQL 17, which pg_dump 15 cannot
 * dump). Its binaries are the zonky jar that the build copies to {@code target/pg-dump-server}.
 * One per test JVM; the superuser {@code postgres} connects without a password.
 */
class PgDumpServer {

    private static final Path BINARIES = Path.of('target', 'pg-dump-server', 'postgres-binaries.jar')
    private static EmbeddedPostgres server
    private static String major

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            if (!Files.isRegularFile(BINARIES)) {
                throw new IllegalStateException("${BINARIES.toAbsolutePath()} is missing: the build copies it (maven-dependency-plugin, copy-pg-dump-server); run the specs through mvn.")
            }
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(Files.createTempDirectory('migrun-spec-pg-dump'))
                    .setCleanDataDirectory(true)
                    .setPgBinaryResolver { system, arch -> binaries() }
                    .start()
            Runtime.runtime.addShutdownHook(new Thread({ server.close() }))
            major = query('postgres', "SELECT current_setting('server_version_num')::int / 10000").toString()
        }
        server
    }

    private static InputStream binaries() {
        new ZipFile(BINARIES.toFile()).withCloseable { jar ->
            new ByteArrayInputStream(jar.getInputStream(jar.getEntry('postgres-linux-x86_64.txz')).bytes)
        }
    }

    static int port() {
        server().port
    }

    static String jdbcUrl(String database) {
        "jdbc:postgresql://localhost:${port()}/${database}"
    }

    static Object query(String database, String sql) {
        def c = server().getDatabase('postgres', database).connection
        try {
            def rs = c.createStatement().executeQuery(sql)
            rs.next()
            rs.getObject(1)
        } finally {
            c.close()
        }
    }

    static void createDatabase(String name) {
        def c = server().getDatabase('postgres', 'postgres').connection
        try {
            c.createStatement().execute("CREATE DATABASE ${name}")
        } finally {
            c.close()
        }
    }

    /** Runs a SQL file with psql, stopping at the first error. */
    static void psql(String database, Path file) {
        run(tool('psql'), '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', 'localhost', '-p', port().toString(), '-U', 'postgres', '-d', database, '-f', file.toString())
    }

    /** A plain-format dump with data, leaving out the schema that holds migrun's own tables. */
    static String dump(String database) {
        run(tool('pg_dump'), '-h', 'localhost', '-p', port().toString(), '-U', 'postgres', '--no-password', '--exclude-schema=migrun', database)
    }

    /**
     * The PostgreSQL client program of the server's major version: Debian keeps each version in
     * /usr/lib/postgresql/N/bin; otherwise one on PATH that says it is version N.
     */
    static String tool(String name) {
        server()
        Path debian = Path.of("/usr/lib/postgresql/${major}/bin/${name}")
        if (Files.isExecutable(debian)) {
            return debian.toString()
        }
        for (String dir : System.getenv('PATH').split(File.pathSeparator)) {
            Path p = Path.of(dir, name)
            if (Files.isExecutable(p) && run(p.toString(), '--version') =~ /\) ${major}\./) {
                return p.toString()
            }
        }
        throw new IllegalStateException("No ${name} ${major} found in /usr/lib/postgresql/${major}/bin or on PATH; "
                + "install Debian's postgresql-client-${major} (.ci/run does).")
    }

    private static String run(String... command) {
        Path out = Files.createTempFile('migrun-spec-tool', '.out')
        Path err = Files.createTempFile('migrun-spec-tool', '.err')
        try {
            def p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start()
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly()
                throw new IllegalStateException("${command.join(' ')} did not finish within 120 s")
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("${command.join(' ')} exited ${p.exitValue()}: ${err.text}")
            }
            out.getText('UTF-8')
        } finally {
            Files.deleteIfExists(out)
            Files.deleteIfExists(err)
        }
    }
}
