// Each goal's lines, as the command of the same name prints them; baseline and the status after
// it use the data folder given with -Dmigrun.embeddedDataDir; status with failIfNotUpToDate fails
// the build while V2 is pending.
def buildLog = evaluate(new File(buildLogScript))
def goal = { buildLog.goal(it, 'all-goals') }
def embedded = '[INFO] Using the embedded PostgreSQL with its data in .migrun/postgres; set --url, MIGRUN_URL or DATABASE_URL to use another database.'
def when = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/
buildLog.assertLines(basedir, [
        goal('validate'),
        '[INFO] Using the embedded PostgreSQL (created now) with its data in .migrun/postgres; set --url, MIGRUN_URL or DATABASE_URL to use another database.',
        '[INFO] Validated 2 migrations: 0 applied with matching checksums, 2 pending.',
        goal('dry-run'), embedded,
        '[INFO] Dry run: pending migrations run in one transaction that is rolled back; nothing is committed or recorded.',
        '[INFO] V1 create items',
        '[INFO]   public.items: 3 inserted, 0 updated, 0 deleted',
        '[INFO] V2 Default prices',
        '[INFO]   public.items: 0 inserted, 2 updated, 0 deleted',
        '[INFO]   result: 2',
        '[INFO] Dry run finished: 2 migrations ran and were rolled back.',
        goal('migrate'), embedded,
        ~/\[INFO\] Applied V1 create items \(\d+ ms\)/,
        ~/\[INFO\] Applied V2 Default prices \(\d+ ms\)/,
        ~/\[INFO\] Applied 2 migrations, now at version 2 \(\d+\.\d s\)/,
        goal('verify'), embedded,
        '[INFO] ok     V2 Default prices',
        '[INFO]          ok: every item has a price',
        '[INFO] Verified 1 migration: all expectations hold.',
        goal('down'), embedded,
        ~/\[INFO\] Undid V2 Default prices \(\d+ ms\)/,
        ~/\[INFO\] Undid 1 migration, now at version 1 \(\d+\.\d s\)/,
        goal('status'), embedded,
        "[INFO] Database: the embedded PostgreSQL in ${new File(basedir, '.migrun/postgres').canonicalPath}".toString(),
        '[INFO] Version  Description     State      Applied at (UTC)     Duration  Checksum',
        ~/\[INFO\] 1        create items    succeeded  $when  \d+ ms +ok/,
        '[INFO] 2        default prices  pending',
        '[INFO] Now at version 1; 1 pending.',
        '[INFO] BUILD SUCCESS',
        goal('baseline'),
        '[INFO] Using the embedded PostgreSQL (created now) with its data in target/baselined; set --url, MIGRUN_URL or DATABASE_URL to use another database.',
        '[INFO] Baselined at version 1: 1 migration in the folder count as applied; migrun:up applies the ones above.',
        goal('status'),
        '[INFO] Using the embedded PostgreSQL with its data in target/baselined; set --url, MIGRUN_URL or DATABASE_URL to use another database.',
        "[INFO] Database: the embedded PostgreSQL in ${new File(basedir, 'target/baselined').canonicalPath}".toString(),
        '[INFO] Version  Description     State     Applied at (UTC)     Duration  Checksum',
        ~/\[INFO\] 1        create items    baseline  $when  0 ms/,
        '[INFO] 2        default prices  pending',
        '[INFO] Now at version 1; 1 pending.',
        '[INFO] BUILD SUCCESS',
])
buildLog.assertLines(basedir, [
        '[INFO] Now at version 1; 1 pending.',
        '[INFO] BUILD FAILURE',
        "[ERROR] Failed to execute goal io.migrun:migrun-maven-plugin:${pluginVersion}:status (default-cli) on project all-goals: ".toString()
                + 'The database is not up to date: Now at version 1; 1 pending. -> [Help 1]',
])
true
