package io.migrun.cli

import io.migrun.internal.load.Checksums
import io.migrun.support.Cli
import io.migrun.support.DatabaseSpecification

import java.nio.file.Files

class DriftSpec extends DatabaseSpecification {

    def setup() {
        folder.write('V1__create_notes.sql', 'CREATE TABLE notes (v text);')
                .write('V2__two.groovy', "up { sql.execute \"INSERT INTO notes VALUES ('two')\" }\n")
                .write('V3__three.sql', "INSERT INTO notes VALUES ('three');")
        assert migrun('up').exitCode == 0
    }

    String appliedAt(String version) {
        db.value("SELECT to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM _migrationLog WHERE version = '${version}'") + ' UTC'
    }

    def "edited, deleted and out-of-order scripts are all listed with the fix, and nothing runs"() {
        given:
        String recorded = Checksums.of(folder.file('V2__two.groovy').text)
        folder.write('V2__two.groovy', "up { sql.execute \"INSERT INTO notes VALUES ('TWO')\" }\n")
        Files.delete(folder.file('V3__three.sql'))
        folder.write('V1.5__late.sql', "INSERT INTO notes VALUES ('late');")
              .write('V4__four.sql', "INSERT INTO notes VALUES ('four');")

        when:
        def up = migrun('up')
        def validate = migrun('validate')

        then:
        up.exitCode == 3
        up.err == """\
            ERROR: Validation failed: the migrations in ${folder.migrations} and the log public._migrationlog disagree.
              V1.5 (V1.5__late.sql) is pending but older than the newest applied version 3.
              V2 (V2__two.groovy) was changed after it was applied on ${appliedAt('2')}:
                  recorded ${recorded}
                  now      ${Checksums.of(folder.file('V2__two.groovy').text)}
              V3 (V3__three.sql) was applied on ${appliedAt('3')} but its file is gone from ${folder.migrations}.
            How to fix:
              out of order: give the file a version above 3, or apply it anyway with --out-of-order.
              changed: restore the applied text (e.g. git checkout the file) and put new work in a new migration (migrun new); if the edit was deliberate and is safe, accept it with migrun repair --accept-checksum VERSION.
              missing: restore the file, as applied migrations stay in the folder; if it was deleted on purpose, record that with migrun repair --forget-missing VERSION.
            """.stripIndent()
        validate.exitCode == 3
        validate.err == up.err
        db.rows('SELECT v FROM notes')*.v == ['two', 'three']
    }

    def "line-ending and BOM changes are not drift"() {
        given:
        folder.file('V3__three.sql').bytes = ("\uFEFF" + "INSERT INTO notes VALUES ('three');".replace('\n', '\r\n')).getBytes('UTF-8')

        expect:
        migrun('validate').out == 'Validated 3 migrations: 3 applied with matching checksums, 0 pending.\n'
    }

    def "--out-of-order applies a late version"() {
        given:
        folder.write('V1.5__late.sql', "INSERT INTO notes VALUES ('late');")

        when:
        def r = migrun('up', '--out-of-order')

        then:
        r.exitCode == 0
        r.out.startsWith('Applied V1.5 late (')
        r.out.contains('now at version 3 (')
        db.rows('SELECT v FROM notes')*.v == ['two', 'three', 'late']
    }

    def "a misnamed file or a duplicate version stops up before anything runs"() {
        given:
        folder.write('V4__four.sql', "INSERT INTO notes VALUES ('four');")
              .write(name, 'SELECT 1;')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 3
        r.err.startsWith(start)
        db.rows('SELECT v FROM notes')*.v == ['two', 'three']

        where:
        name                | start
        'V5_oops.sql'       | "ERROR: Misnamed migration files in "
        'V4__again.groovy'  | "ERROR: Duplicate migration versions in "
    }

    def "validate reports pending work without running it"() {
        given:
        folder.write('V4__four.sql', "INSERT INTO notes VALUES ('four');")

        when:
        def r = migrun('validate')

        then:
        r.exitCode == 0
        r.out == 'Validated 4 migrations: 3 applied with matching checksums, 1 pending.\n'
        db.rows('SELECT v FROM notes')*.v == ['two', 'three']
    }
}
