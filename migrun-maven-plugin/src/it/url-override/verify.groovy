// -Dmigrun.url won over migrun.yml's url: the failure names the URL given on the command line,
// and the password in it appears nowhere in the log. A protected environment is refused without
// yes (before connecting) and tried with it; skip runs nothing.
def buildLog = evaluate(new File(buildLogScript))
def failed = { String goal -> "[ERROR] Failed to execute goal io.migrun:migrun-maven-plugin:${pluginVersion}:$goal (default-cli) on project url-override: ".toString() }
def refused = 'Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.'
buildLog.assertLines(basedir, [
        failed('status') + 'Cannot connect to jdbc:postgresql://127.0.0.1:2/from_command_line: Connection to 127.0.0.1:2 refused. ' + refused,
        '[ERROR] Check that the server is running and that --url (or MIGRUN_URL, DATABASE_URL, or url: in migrun.yml) points to it.',
        '[ERROR] -> [Help 1]',
])
buildLog.assertLines(basedir, [
        buildLog.goal('up', 'url-override'),
        '[INFO] BUILD FAILURE',
        failed('up') + 'prod is a protected environment, and a Maven build cannot confirm on a terminal. Nothing was done. '
                + 'Add -Dmigrun.yes=true (or <yes>true</yes>) to confirm. -> [Help 1]',
])
buildLog.assertLines(basedir, [
        buildLog.goal('up', 'url-override'),
        '[INFO] prod is a protected environment; going on as yes is set.',
        '[INFO] BUILD FAILURE',
        failed('up') + 'Cannot connect to jdbc:postgresql://127.0.0.1:3/prod: Connection to 127.0.0.1:3 refused. ' + refused,
])
buildLog.assertLines(basedir, [
        buildLog.goal('up', 'url-override'),
        '[INFO] Skipping migrun (skip is set).',
        '[INFO] BUILD SUCCESS',
])
buildLog.assertLines(basedir, [
        buildLog.goal('up', 'url-override'),
        '[INFO] BUILD FAILURE',
        failed('up') + 'Invalid configuration:',
        '[ERROR]   lockRetries must be zero or more, such as 5, not -1',
        '[ERROR] -> [Help 1]',
])
def text = buildLog.lines(basedir).join('\n')
assert !text.contains('from_yml')
assert !text.contains('Sup3rSecretPw')
true
