// The build log holds these lines in this order (the second build's after the first's), and the
// embedded database the builds left holds the migrated rows, in the log table migrun.yml names.
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres

def buildLog = evaluate(new File(buildLogScript))
// the README's plugin block is this project's, line for line
assert Collections.indexOfSubList(buildLog.pomLines(basedir), buildLog.readmeXml('### Maven plugin')) >= 0
def goal = { buildLog.goal(it, 'up-status') }
buildLog.assertLines(basedir, [
        goal('up'),
        '[INFO] Using the embedded PostgreSQL (created now) with its data in .migrun/postgres; set --url, MIGRUN_URL or DATABASE_URL to use another database.',
        ~/\[INFO\] Applied V1 create users \(\d+ ms\)/,
        '[INFO]   [V2] normalised 1 email(s)',
        ~/\[INFO\] Applied V2 Normalise emails \(\d+ ms\)/,
        ~/\[INFO\] Applied 2 migrations, now at version 2 \(\d+\.\d s\)/,
        goal('status'),
        '[INFO] Using the embedded PostgreSQL with its data in .migrun/postgres; set --url, MIGRUN_URL or DATABASE_URL to use another database.',
        "[INFO] Database: the embedded PostgreSQL in ${new File(basedir, '.migrun/postgres').canonicalPath}".toString(),
        '[INFO] Version  Description       State      Applied at (UTC)     Duration  Checksum',
        ~/\[INFO\] 1        create users      succeeded  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d  \d+ ms +ok/,
        ~/\[INFO\] 2        Normalise emails  succeeded  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d  \d+ ms +ok/,
        '[INFO] Now at version 2; 0 pending.',
        '[INFO] BUILD SUCCESS',
        goal('up'),
        '[INFO] Using the embedded PostgreSQL with its data in .migrun/postgres; set --url, MIGRUN_URL or DATABASE_URL to use another database.',
        '[INFO] Database is up to date at version 2; nothing to apply.',
        '[INFO] BUILD SUCCESS',
])
assert !buildLog.lines(basedir).any { it.contains('initdb') || it.contains('postmaster') }: 'the embedded server library logs nothing at info level'

def postgres = EmbeddedPostgres.builder().setDataDirectory(new File(basedir, '.migrun/postgres')).setCleanDataDirectory(false).start()
try {
    postgres.postgresDatabase.connection.withCloseable { c ->
        def column = { String query -> c.createStatement().executeQuery(query).with { rs -> def out = []; while (rs.next()) out << rs.getString(1); out } }
        assert column('SELECT email FROM users ORDER BY id') == ['ada@example.com', 'bob@example.com']
        assert column("SELECT version FROM app_migrations WHERE state = 'succeeded' ORDER BY version") == ['1', '2']
    }
} finally {
    postgres.close()
}
true
