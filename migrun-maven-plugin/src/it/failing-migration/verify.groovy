// The build fails with the message the command line prints after "ERROR: ", and V1 stays applied.
def log = new File(basedir, 'build.log').readLines()*.replaceAll(/\u001B\[[0-9;]*m/, '')
assert log.any { it ==~ /\[INFO\] Applied V1 create accounts \(\d+ ms\)/ }
def failure = log.findIndexOf { it.startsWith('[ERROR] Failed to execute goal') }
assert failure >= 0
assert log.subList(failure, failure + 6) == [
        "[ERROR] Failed to execute goal io.migrun:migrun-maven-plugin:${pluginVersion}:up (default-cli) on project failing-migration: Migration V2 (V2__fill_accounts.sql) failed:".toString(),
        '[ERROR]   V2__fill_accounts.sql:1: ERROR: relation "no_such_table" does not exist',
        '[ERROR]     Position: 46',
        '[ERROR]     Statement: INSERT INTO accounts (name) SELECT name FROM no_such_table',
        '[ERROR] Its transaction was rolled back, so nothing of it was applied. Fix the script and run migrun up again.',
        '[ERROR] -> [Help 1]',
]
assert !log.any { it.contains('Applied V2') }
true
