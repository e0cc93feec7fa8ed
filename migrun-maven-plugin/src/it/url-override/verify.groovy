// -Dmigrun.url won over migrun.yml's url: the failure names the URL given on the command line,
// and the password in it appears nowhere in the log.
def text = new File(basedir, 'build.log').text.replaceAll(/\u001B\[[0-9;]*m/, '')
def log = text.readLines()
def failure = log.findIndexOf { it.startsWith('[ERROR] Failed to execute goal') }
assert failure >= 0
assert log.subList(failure, failure + 3) == [
        "[ERROR] Failed to execute goal io.migrun:migrun-maven-plugin:${pluginVersion}:status (default-cli) on project url-override: ".toString()
                + 'Cannot connect to jdbc:postgresql://127.0.0.1:2/from_command_line: Connection to 127.0.0.1:2 refused. '
                + 'Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.',
        '[ERROR] Check that the server is running and that --url (or MIGRUN_URL, or url: in migrun.yml) points to it.',
        '[ERROR] -> [Help 1]',
]
assert !text.contains('from_yml')
assert !text.contains('Sup3rSecretPw')
true
