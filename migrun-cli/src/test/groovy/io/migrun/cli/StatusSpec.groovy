package io.migrun.cli

import io.migrun.internal.json.Json
import io.migrun.support.Cli
import io.migrun.support.DatabaseSpecification

class StatusSpec extends DatabaseSpecification {

    def "status reads without creating the log table or compiling pending scripts"() {
        given:
        folder.write('V1__create_notes.sql', 'CREATE TABLE notes (v text);')
              .write('V2__not_even_groovy.groovy', 'up { this is ( not groovy\n')

        when:
        def r = migrun('status')

        then:
        r.exitCode == 0
        r.out == """\
            Database: ${db.url}
            Version  Description      State    Applied at (UTC)  Duration  Checksum
            1        create notes     pending
            2        not even groovy  pending
            No migration applied yet; 2 pending.
            """.stripIndent()
        db.value("SELECT to_regclass('_migrationlog')") == null
    }

    def "status shows applied, failed, changed and pending migrations, as a table and as JSON"() {
        given:
        folder.write('V1__create_notes.sql', 'CREATE TABLE notes (v text);')
              .write('V2__fails.groovy', 'up { throw new RuntimeException("nope") }')
        migrun('up')
        folder.write('V1__create_notes.sql', 'CREATE TABLE notes (v text, w text);')
              .write('V3__later.sql', 'SELECT 1;')

        when:
        def table = migrun('status')
        def json = migrun('status', '--json')
        def parsed = Json.mapper().readValue(json.out, Map)

        then:
        table.exitCode == 0
        table.out.readLines()[2] ==~ /1 +create notes +succeeded +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d+ ms +changed/
        table.out.readLines()[3] ==~ /2 +fails +failed +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d+ ms/
        table.out.readLines()[4] ==~ /3 +later +pending/
        table.out.readLines()[5] == 'Now at version 1; 2 pending, 1 failed (see the error column of _migrationLog).'
        json.exitCode == 0
        parsed.currentVersion == '1'
        parsed.database == db.url
        parsed.migrations*.version == ['1', '2', '3']
        parsed.migrations*.state == ['SUCCEEDED', 'FAILED', 'PENDING']
        parsed.migrations*.checksum == ['changed', null, null]
        parsed.migrations[1].error == 'V2__fails.groovy:1: java.lang.RuntimeException: nope'
        parsed.migrations[0].appliedAt ==~ /\d{4}-\d\d-\d\dT.*Z/
    }
}
