package io.migrun.load

import io.migrun.support.DatabaseSpecification

import java.nio.file.Files
import java.nio.file.Path

/** Migration folders as people keep them: behind symbolic links, and files saved in an editor's encoding. */
class LinkedAndEncodedFilesSpec extends DatabaseSpecification {

    Path elsewhere

    def setup() {
        elsewhere = Files.createDirectories(dir.resolve('elsewhere/db'))
        elsewhere.resolve('V1__notes.sql').text = 'CREATE TABLE notes (v text);\n'
        Files.createDirectories(elsewhere.resolve('shared'))
        elsewhere.resolve('shared/V2__more.sql').text = "INSERT INTO notes VALUES ('two');\n"
    }

    def "a migrations folder that is a symbolic link is followed: #how"() {
        given:
        Files.delete(folder.migrations)
        Files.createSymbolicLink(dir.resolve(link), elsewhere)
        if (yaml) {
            dir.resolve('migrun.yml').text = yaml
        }

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        r.out.contains('Applied 2 migrations, now at version 2 (')
        db.rows('SELECT script FROM _migrationLog ORDER BY id')*.script == ['V1__notes.sql', 'shared/V2__more.sql']

        where:
        how                                 | link         | yaml
        'as the default migrations/'        | 'migrations' | ''
        'named by migrations: in migrun.yml' | 'db-link'    | 'migrations: db-link\n'
    }

    def "symbolic links to sub-folders and files inside the folder are followed"() {
        given:
        Files.createSymbolicLink(folder.migrations.resolve('linked'), elsewhere.resolve('shared'))
        Files.createSymbolicLink(folder.migrations.resolve('V1__notes.sql'), elsewhere.resolve('V1__notes.sql'))

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.rows('SELECT script FROM _migrationLog ORDER BY id')*.script == ['V1__notes.sql', 'linked/V2__more.sql']
        db.rows('SELECT v FROM notes')*.v == ['two']
    }

    def "a link that points nowhere and a link back into its own tree are errors naming each, and nothing runs"() {
        given:
        folder.write('V1__notes.sql', 'CREATE TABLE notes (v text);\n')
        Files.createDirectories(folder.migrations.resolve('sub'))
        Files.createSymbolicLink(folder.migrations.resolve('sub/V2__gone.sql'), Path.of('/nonexistent/V2__gone.sql'))
        Files.createSymbolicLink(folder.migrations.resolve('sub/back'), Path.of('..'))
        Files.createSymbolicLink(folder.migrations.resolve('.hidden-loop'), Path.of('.'))

        when:
        def r = migrun('up')

        then:
        r.exitCode == 3
        r.err == """\
            ERROR: Symbolic links in ${folder.migrations} that cannot be followed:
              sub/V2__gone.sql -> /nonexistent/V2__gone.sql: a symbolic link to nothing (no such file or folder)
              sub/back -> ..: a symbolic link back to a folder it is inside, so following it would never end
            Point each link at an existing file or folder outside the link's own folder tree, or remove it.
            """.stripIndent()
        db.value("SELECT to_regclass('public._migrationlog') IS NULL") == true
        db.value("SELECT to_regclass('public.notes') IS NULL") == true

        cleanup:
        ['sub/V2__gone.sql', 'sub/back', '.hidden-loop'].each { Files.deleteIfExists(folder.migrations.resolve(it)) }
    }

    def "a migrations folder that is a broken link says where it points"() {
        given:
        Files.delete(folder.migrations)
        Files.createSymbolicLink(folder.migrations, dir.resolve('moved-away'))

        when:
        def r = migrun('up')

        then:
        r.exitCode == 2
        r.err == "ERROR: The migrations folder ${folder.migrations} is a symbolic link to ${dir.resolve('moved-away')}, which does not exist. " +
                'Point the link at the folder that holds your scripts, or point --migrations (MIGRUN_MIGRATIONS, or migrations: in migrun.yml) there.\n'
    }

    def "files that are not UTF-8 are named with the line of their first foreign byte and how to convert them"() {
        given:
        folder.write('V1__notes.sql', 'CREATE TABLE notes (v text);\n')
        folder.file('V2__latin.sql').bytes = "-- caf\u00e9 ok? no:\nINSERT INTO notes VALUES ('na\u00efve');\n".getBytes('ISO-8859-1')
        Files.createDirectories(folder.migrations.resolve('r'))
        folder.file('r/R__view.sql').bytes = [0x2D, 0x2D, 0x20, 0xFF, 0x0A] as byte[]

        when:
        def r = migrun('up')

        then:
        r.exitCode == 3
        r.err == """\
            ERROR: Files in ${folder.migrations} that are not UTF-8:
              V2__latin.sql: line 1 has byte 0xE9, which is not UTF-8
            migrun reads scripts as UTF-8. Convert each file to UTF-8 with its encoding named, e.g. for one saved as Latin-1:
              iconv -f latin1 -t utf-8 ${folder.file('V2__latin.sql')} > ${folder.file('V2__latin.sql')}.utf8 && mv ${folder.file('V2__latin.sql')}.utf8 ${folder.file('V2__latin.sql')}
            """.stripIndent()
        db.value("SELECT to_regclass('public.notes') IS NULL") == true

        when:
        folder.file('V2__latin.sql').text = "INSERT INTO notes VALUES ('na\u00efve');\n"
        def repeatable = migrun('up')

        then:
        repeatable.exitCode == 3
        repeatable.err.startsWith("ERROR: Files in ${folder.migrations} that are not UTF-8:\n  r/R__view.sql: line 1 has byte 0xFF, which is not UTF-8\n")
    }

    def "an ad-hoc script that is not UTF-8 is named the same way"() {
        given:
        Path scripts = Files.createDirectories(dir.resolve('scripts'))
        scripts.resolve('fix.groovy').bytes = "run { 'd\u00e9j\u00e0' }\n".getBytes('ISO-8859-1')

        when:
        def r = migrun('run', 'fix')

        then:
        r.exitCode == 3
        r.err.startsWith("ERROR: Files in ${scripts} that are not UTF-8:\n  fix.groovy: line 1 has byte 0xE9, which is not UTF-8\n")
    }
}
