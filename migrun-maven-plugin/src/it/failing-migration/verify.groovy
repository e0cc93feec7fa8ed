// The build fails with the message the command line prints after "ERROR: ", V1 stays applied,
// a second build's two repairs at once are refused, and a third build's repair makes V2 pending again.
def buildLog = evaluate(new File(buildLogScript))
buildLog.assertLines(basedir, [
        buildLog.goal('up', 'failing-migration'),
        '[INFO] Using the embedded PostgreSQL (created now) with its data in .migrun/postgres; set --url, MIGRUN_URL or DATABASE_URL to use another database.',
        ~/\[INFO\] Applied V1 create accounts \(\d+ ms\)/,
        '[INFO] BUILD FAILURE',
        "[ERROR] Failed to execute goal io.migrun:migrun-maven-plugin:${pluginVersion}:up (default-cli) on project failing-migration: Migration V2 (V2__fill_accounts.sql) failed:".toString(),
        '[ERROR]   V2__fill_accounts.sql:1: ERROR: relation "no_such_table" does not exist',
        '[ERROR]     Position: 46',
        '[ERROR]     Statement: INSERT INTO accounts (name) SELECT name FROM no_such_table',
        '[ERROR] Its transaction was rolled back, so nothing of it was applied. Fix the script and run migrun up again.',
        '[ERROR] -> [Help 1]',
])
buildLog.assertLines(basedir, [
        buildLog.goal('repair', 'failing-migration'),
        '[INFO] BUILD FAILURE',
        "[ERROR] Failed to execute goal io.migrun:migrun-maven-plugin:${pluginVersion}:repair (default-cli) on project failing-migration: Give at most one of markApplied, acceptChecksum and forgetMissing: each is a different repair. -> [Help 1]".toString(),
])
buildLog.assertLines(basedir, [
        buildLog.goal('repair', 'failing-migration'),
        '[INFO] Using the embedded PostgreSQL with its data in .migrun/postgres; set --url, MIGRUN_URL or DATABASE_URL to use another database.',
        '[INFO] V2 is pending again; the next migrun:up runs it.',
        '[INFO] BUILD SUCCESS',
])
true
