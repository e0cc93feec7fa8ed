package io.migrun.cli

import io.migrun.support.DatabaseSpecification

import java.nio.file.Files

class StatusExitCodeSpec extends DatabaseSpecification {

    def "status --exit-code exits #code when #situation, and status alone exits 0"() {
        given:
        folder.write('V1__create_notes.sql', 'CREATE TABLE notes (v text);')
        migrun('up')
        scripts.each { name, text -> folder.write(name, text) }
        if (scripts) {
            migrun('up')
        }
        folder.write(*later)

        when:
        def checked = migrun('status', '--exit-code')
        def plain = migrun('status')

        then:
        checked.exitCode == code
        checked.out == plain.out
        plain.exitCode == 0

        where:
        situation                                      | scripts                                                                                   | later                                   || code
        'everything is applied'                        | [:]                                                                                       | ['V1__create_notes.sql', 'CREATE TABLE notes (v text);'] || 0
        'a migration is pending'                       | [:]                                                                                       | ['V2__two.sql', 'SELECT 1;']            || 5
        'a migration failed'                           | ['V2__fails.groovy': 'up { throw new RuntimeException("nope") }']                         | ['V3__three.sql', 'SELECT 1;']          || 1
        'a migration without a transaction is partial' | ['V2__half.groovy': 'transaction false\nup { sql.execute "INSERT INTO missing VALUES (1)" }\n'] | ['V3__three.sql', 'SELECT 1;']    || 1
        'an applied script was changed'                | [:]                                                                                       | ['V1__create_notes.sql', 'CREATE TABLE notes (v text, w text);'] || 3
    }

    def "status --exit-code exits 3 when the file of an applied migration is gone"() {
        given:
        folder.write('V1__create_notes.sql', 'CREATE TABLE notes (v text);')
        migrun('up')
        Files.delete(folder.file('V1__create_notes.sql'))

        expect:
        migrun('status', '--exit-code').exitCode == 3
    }

    def "migrun migrate applies like up, and migrun info prints what status prints"() {
        given:
        folder.write('V1__create_notes.sql', 'CREATE TABLE notes (v text);')
              .write('V2__two.sql', "INSERT INTO notes VALUES ('two');")

        when:
        def migrate = migrun('migrate')
        def info = migrun('info')
        def status = migrun('status')

        then:
        migrate.exitCode == 0
        migrate.out ==~ /(?s)Applied V1 create notes \(\d+ ms\)\nApplied V2 two \(\d+ ms\)\nApplied 2 migrations, now at version 2 \(\d+\.\d s\)\n/
        db.rows('SELECT v FROM notes')*.v == ['two']
        info.exitCode == 0
        info.out == status.out
        info.out.contains('\n2        two           succeeded')
    }
}
