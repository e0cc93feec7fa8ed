// -Dmigrun.url won over migrun.yml's url: the failure names the URL given on the command line,
// and the password in it appears nowhere in the log.
def buildLog = evaluate(new File(buildLogScript))
buildLog.assertLines(basedir, [
        "[ERROR] Failed to execute goal io.migrun:migrun-maven-plugin:${pluginVersion}:status (default-cli) on project url-override: ".toString()
                + 'Cannot connect to jdbc:postgresql://127.0.0.1:2/from_command_line: Connection to 127.0.0.1:2 refused. '
                + 'Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.',
        '[ERROR] Check that the server is running and that --url (or MIGRUN_URL, or url: in migrun.yml) points to it.',
        '[ERROR] -> [Help 1]',
])
def text = buildLog.lines(basedir).join('\n')
assert !text.contains('from_yml')
assert !text.contains('Sup3rSecretPw')
true
