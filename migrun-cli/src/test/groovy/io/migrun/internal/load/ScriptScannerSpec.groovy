package io.migrun.internal.load

import io.migrun.ConfigurationException
import io.migrun.ValidationException
import io.migrun.support.MigrationFolder
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

class ScriptScannerSpec extends Specification {

    @TempDir
    Path dir

    def "migrations are found in sub-folders and sorted numerically, other files ignored"() {
        given:
        def f = new MigrationFolder(dir)
                .write('V10__ten.sql', 'select 10;')
                .write('V2__two.groovy', 'up {}')
                .write('users/V1.1__one_one.groovy', 'up {}')
                .write('README.md', '# notes')
                .write('.gitkeep', '')
                .write('V3__three.groovy~', 'backup')
                .write('.drafts/V4__draft.groovy', 'up {}')

        when:
        def scripts = new ScriptScanner(f.migrations).scan()

        then:
        scripts*.name() == ['users/V1.1__one_one.groovy', 'V2__two.groovy', 'V10__ten.sql']
        scripts*.description() == ['one one', 'two', 'ten']
        scripts[2].checksum() == Checksums.of('select 10;')
    }

    def "every misnamed file is reported with the expected form"() {
        given:
        def f = new MigrationFolder(dir)
                .write('V1_create.groovy', '')
                .write('v2__x.groovy', '')
                .write('V__x.sql', '')
                .write('V3__fine.groovy', '')

        when:
        new ScriptScanner(f.migrations).scan()

        then:
        def e = thrown(ValidationException)
        e.message == """\
            Misnamed migration files in ${f.migrations}:
              V1_create.groovy: two underscores must separate the version from the description; expected V<version>__<description>.groovy, e.g. V1__create_users.groovy
              V__x.sql: the version is missing between V and __; expected V<version>__<description>.sql, e.g. V1__create_users.sql
              v2__x.groovy: the prefix must be an upper-case V; expected V<version>__<description>.groovy, e.g. V1__create_users.groovy
            Rename them, or move files that are not migrations out of the folder.""".stripIndent()
    }

    def "two files with the same version are both named"() {
        given:
        def f = new MigrationFolder(dir)
                .write('V1__create_users.groovy', '')
                .write('V1.0__create_accounts.sql', '')
                .write('V2__ok.sql', '')

        when:
        new ScriptScanner(f.migrations).scan()

        then:
        def e = thrown(ValidationException)
        e.message == """\
            Duplicate migration versions in ${f.migrations}:
              version 1.0: V1.0__create_accounts.sql, V1__create_users.groovy
            Give each file its own version (run `migrun new` to get the next free one).""".stripIndent()
    }

    def "a missing folder is a configuration error"() {
        when:
        new ScriptScanner(dir.resolve('nope')).scan()

        then:
        def e = thrown(ConfigurationException)
        e.message == "The migrations folder ${dir.resolve('nope')} does not exist. Create it, or point --migrations (MIGRUN_MIGRATIONS, or migrations: in migrun.yml) to the folder that holds your scripts."
    }
}
