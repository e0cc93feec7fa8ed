package io.migrun.cli

import io.migrun.internal.json.Json
import io.migrun.internal.load.Checksums
import io.migrun.support.DatabaseSpecification

import java.nio.file.Files

/**
 * {@code repair --accept-checksum} and {@code repair --forget-missing}: an operator's answer to drift
 * that was meant (an applied script edited on purpose, an applied file deleted on purpose), each
 * recorded as a {@code repair} run; refused, with nothing written, for a version they do not fit.
 */
class RepairDriftSpec extends DatabaseSpecification {

    static final String TWO = "up { sql.execute \"INSERT INTO notes VALUES ('two')\" }\n"
    static final String TWO_EDITED = "// the insert is idempotent now\nup { sql.execute \"INSERT INTO notes VALUES ('two') ON CONFLICT DO NOTHING\" }\n"

    def setup() {
        folder.write('V1__create_notes.sql', 'CREATE TABLE notes (v text UNIQUE);')
              .write('V2__two.groovy', TWO)
              .write('V3__three.sql', "INSERT INTO notes VALUES ('three');")
        assert migrun('up').exitCode == 0
    }

    long logRows() {
        db.value('SELECT count(*) FROM _migrationLog') as long
    }

    Map statusJson(String version) {
        (Json.parse(migrun('status', '--json').out).migrations as List<Map>).find { it.version == version }
    }

    def "repair --accept-checksum records a deliberate edit: validate, up and status no longer report it, and the log holds both checksums"() {
        given:
        folder.write('V2__two.groovy', TWO_EDITED)
        String recorded = Checksums.of(TWO)
        String now = Checksums.of(TWO_EDITED)
        long applied = appliedRun('2')
        assert migrun('validate').exitCode == 3

        when:
        def repair = migrun('repair', '--accept-checksum', '2')
        def validate = migrun('validate')
        def up = migrun('up')
        def status = migrun('status', '--exit-code')
        def history = Json.parse(migrun('history', '--script', 'V2', '--json').out) as List<Map>

        then:
        repair.exitCode == 0
        repair.err == ''
        repair.out == 'Accepted the edit of V2 (V2__two.groovy): the log holds its new checksum beside the old one (migrun history --script V2), and validate, up and status no longer report it changed.\n'
        validate.exitCode == 0
        validate.out == 'Validated 3 migrations: 3 applied with matching checksums, 0 pending.\n'
        up.exitCode == 0
        up.out == 'Database is up to date at version 3; nothing to apply.\n'
        status.exitCode == 0
        status.out.readLines()[3] ==~ /2 +two +succeeded +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d+ ms +ok/
        statusJson('2').checksum == 'ok'
        db.rows('SELECT v FROM notes ORDER BY v')*.v == ['three', 'two']
        db.rows("SELECT kind, state, script, checksum, result::text FROM _migrationLog WHERE version = '2' AND kind = 'repair'") == [[kind: 'repair',
                state: 'succeeded', script: 'V2__two.groovy', checksum: now,
                result: """{"action": "accept-checksum", "resolves": ${applied}, "newChecksum": "${now}", "oldChecksum": "${recorded}"}""".toString()]]
        history*.kind == ['versioned', 'repair']
        history[1].result == [action: 'accept-checksum', resolves: applied, newChecksum: now, oldChecksum: recorded]
    }

    def "an edit after an accepted one is drift again, measured against the accepted checksum"() {
        given:
        folder.write('V2__two.groovy', TWO_EDITED)
        assert migrun('repair', '--accept-checksum', '2').exitCode == 0
        folder.write('V2__two.groovy', TWO_EDITED + '// once more\n')

        when:
        def validate = migrun('validate')

        then:
        validate.exitCode == 3
        validate.err.contains("  V2 (V2__two.groovy) was changed after it was applied on ${appliedAt('2')}:\n" +
                "      recorded ${Checksums.of(TWO_EDITED)}\n      now      ${Checksums.of(TWO_EDITED + '// once more\n')}\n")
    }

    def "repair --forget-missing marks a deleted applied file: status shows it deleted, validate and up go on, and the run is in the log"() {
        given:
        Files.delete(folder.file('V3__three.sql'))
        folder.write('V4__four.sql', "INSERT INTO notes VALUES ('four');")
        long applied = appliedRun('3')
        assert migrun('up').exitCode == 3

        when:
        def repair = migrun('repair', '--forget-missing', '3')
        def validate = migrun('validate')
        def up = migrun('up')
        def status = migrun('status', '--exit-code')

        then:
        repair.exitCode == 0
        repair.err == ''
        repair.out == 'Recorded V3 (V3__three.sql) as deleted: validate and up no longer look for its file, and status shows it as deleted.\n'
        validate.exitCode == 0
        validate.out == 'Validated 3 migrations: 2 applied with matching checksums, 1 pending.\n'
        up.exitCode == 0
        up.out.startsWith('Applied V4 four (')
        status.exitCode == 0
        status.out.readLines()[4] ==~ /3 +three +deleted +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d+ ms/
        status.out.readLines().last() == 'Now at version 4; 0 pending.'
        statusJson('3').subMap('state', 'checksum', 'script') == [state: 'DELETED', checksum: null, script: 'V3__three.sql']
        db.rows("SELECT kind, state, script, checksum, result::text FROM _migrationLog WHERE version = '3' AND kind = 'repair'") ==
                [[kind: 'repair', state: 'succeeded', script: 'V3__three.sql', checksum: null,
                  result: """{"action": "forget-missing", "resolves": ${applied}}""".toString()]]
    }

    def "down over a forgotten version is refused, since its down cannot run first: #args"() {
        given:
        Files.delete(folder.file('V3__three.sql'))
        assert migrun('repair', '--forget-missing', '3').exitCode == 0
        long rows = logRows()

        when:
        def down = migrun(*args)

        then:
        down.exitCode == 2
        down.out == ''
        down.err == 'ERROR: Cannot undo V3: its file was deleted and recorded so by migrun repair --forget-missing, so there is no down to run' +
                ' before the versions below it. Nothing was undone.\n'
        logRows() == rows
        db.rows('SELECT v FROM notes ORDER BY v')*.v == ['three', 'two']

        where:
        args << [['down'], ['down', '--to', '1'], ['down', '--dry-run']]
    }

    def "a forgotten file that comes back is checked again as an applied script"() {
        given:
        String text = folder.file('V3__three.sql').text
        Files.delete(folder.file('V3__three.sql'))
        assert migrun('repair', '--forget-missing', '3').exitCode == 0

        when:
        folder.write('V3__three.sql', text)
        def restored = statusJson('3')
        folder.write('V3__three.sql', text + '\n-- edited\n')
        def edited = migrun('validate')

        then:
        restored.subMap('state', 'checksum') == [state: 'SUCCEEDED', checksum: 'ok']
        edited.exitCode == 3
        edited.err.contains('  V3 (V3__three.sql) was changed after it was applied on ')
    }

    def "repair #options #version is refused with exit 2 when #situation, and writes nothing"() {
        given:
        prepare(situation)
        long before = logRows()

        when:
        def r = migrun(['repair', *options.split(' '), version] as String[])

        then:
        r.exitCode == 2
        r.err == 'ERROR: ' + message.replace('<folder>', folder.migrations.toString()).replace('<V1 sum>', Checksums.of('CREATE TABLE notes (v text UNIQUE);')) + '\n'
        r.out == ''
        logRows() == before

        where:
        options             | version | situation                            || message
        '--accept-checksum' | '1'     | 'its script is unchanged'            || 'Nothing to accept: V1 (V1__create_notes.sql) has the checksum the log holds for it (<V1 sum>). --accept-checksum is for an applied migration whose script was edited since; see migrun status.'
        '--accept-checksum' | '4'     | 'it is pending'                      || 'Cannot accept the checksum of V4 (V4__four.sql): it is pending. --accept-checksum is for an applied migration whose script was edited since; see migrun status.'
        '--accept-checksum' | '4'     | 'its last run failed'                || 'Cannot accept the checksum of V4 (V4__four.sql): it is failed. --accept-checksum is for an applied migration whose script was edited since; see migrun status.'
        '--accept-checksum' | '3'     | 'its file is gone'                   || 'Cannot accept the checksum of V3 (V3__three.sql): its file is gone from <folder>. Restore the file, or record that it was deleted with migrun repair --forget-missing 3.'
        '--accept-checksum' | '7'     | 'it is unknown'                      || 'Nothing to repair: version 7 is neither in <folder> nor in the log public._migrationlog.'
        '--forget-missing'  | '2'     | 'its script is unchanged'            || 'Cannot forget V2 (V2__two.groovy): its file is still in <folder>. --forget-missing is for an applied migration whose file was deleted; delete the file first if that is what you mean.'
        '--forget-missing'  | '4'     | 'it is pending'                      || 'Cannot forget V4 (V4__four.sql): it is pending. --forget-missing is for an applied migration whose file was deleted; see migrun status.'
        '--forget-missing'  | '4'     | 'its last run failed'                || 'Cannot forget V4 (V4__four.sql): it is failed. --forget-missing is for an applied migration whose file was deleted; see migrun status.'
        '--forget-missing'  | '3'     | 'it is already forgotten'            || 'Nothing to forget: V3 (V3__three.sql) is already recorded as deleted; see migrun status.'
        '--forget-missing'  | '7'     | 'it is unknown'                      || 'Nothing to repair: version 7 is neither in <folder> nor in the log public._migrationlog.'
    }

    def "one repair action at a time"() {
        given:
        long before = logRows()

        when:
        def r = migrun('repair', '--accept-checksum', '--forget-missing', '2')

        then:
        r.exitCode == 2
        r.err.startsWith('Error: --accept-checksum, --forget-missing are mutually exclusive (specify only one)\n')
        logRows() == before
    }

    def "in a protected environment repair #options says what it would do and, without a terminal, does nothing"() {
        given:
        dir.resolve('migrun.yml').text = 'environments:\n  prod:\n    protected: true\n'
        long before = logRows()

        when:
        def r = migrun(['repair', *options, '2', '--env', 'prod'] as String[])

        then:
        r.exitCode == 2
        r.err == "ERROR: prod is a protected environment, and there is no terminal to confirm on. This would:\n  ${intent}\n" +
                'Nothing was done. Run it from a terminal, or add --yes to confirm (e.g. in a deployment job).\n'
        logRows() == before

        where:
        options               || intent
        []                    || 'make V2 pending again'
        ['--mark-applied']    || 'record V2 as applied'
        ['--accept-checksum'] || 'accept the edited script of V2'
        ['--forget-missing']  || 'record the file of V2 as deleted'
    }

    def "the help of repair shows the new options with examples"() {
        when:
        def r = migrun('repair', '--help')

        then:
        r.exitCode == 0
        r.out.contains('      --accept-checksum   ')
        r.out.contains('      --forget-missing    ')
        r.out.endsWith('''\
            Examples:
              migrun repair 4                     run failed V4 again at the next migrun up
              migrun repair 4 --mark-applied      record V4 as applied: finished by hand
              migrun repair --accept-checksum 2   accept the edit of applied V2's script
              migrun repair --forget-missing 3    applied V3's file was deleted on purpose
            '''.stripIndent())
    }

    private void prepare(String situation) {
        switch (situation) {
            case 'it is pending':
                folder.write('V4__four.sql', "INSERT INTO notes VALUES ('four');")
                break
            case 'its last run failed':
                folder.write('V4__four.sql', 'INSERT INTO nowhere VALUES (1);')
                assert migrun('up').exitCode == 1
                break
            case 'its file is gone':
                Files.delete(folder.file('V3__three.sql'))
                break
            case 'it is already forgotten':
                Files.delete(folder.file('V3__three.sql'))
                assert migrun('repair', '--forget-missing', '3').exitCode == 0
                break
        }
    }

    /** The log id of the versioned run that applied {@code version}. */
    private long appliedRun(String version) {
        db.value("SELECT id FROM _migrationLog WHERE version = '${version}' AND kind = 'versioned'") as long
    }

    private String appliedAt(String version) {
        db.value("SELECT to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM _migrationLog WHERE version = '${version}' AND kind = 'versioned'") + ' UTC'
    }
}
