package io.migrun.cli

import io.migrun.support.Cli
import io.migrun.support.MigrationFolder
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

class NewSpec extends Specification {

    @TempDir
    Path dir

    def "new writes the next version from a template without touching a database"() {
        given:
        new MigrationFolder(dir).write('V1__a.sql', '').write('V9.2__b.groovy', 'up {}')

        when:
        def groovy = Cli.run(dir, [MIGRUN_URL: 'jdbc:postgresql://127.0.0.1:1/unreachable'], 'new', 'Add users email index!')
        def sql = Cli.run(dir, [:], 'new', 'backfill credits', '--sql')

        then:
        groovy.exitCode == 0
        groovy.out == 'migrations/V10__add_users_email_index.groovy\n'
        dir.resolve('migrations/V10__add_users_email_index.groovy').text == '''\
            description 'Add users email index!'

            up {
                // sql is a groovy.sql.Sql inside this migration's transaction; what up returns is stored as its result.
                // sql.execute 'ALTER TABLE users ADD COLUMN nickname text'
            }
            '''.stripIndent()
        sql.out == 'migrations/V11__backfill_credits.sql\n'
        dir.resolve('migrations/V11__backfill_credits.sql').text.startsWith('-- backfill credits\n')
    }

    def "in an empty or missing folder the first version is 1"() {
        expect:
        Cli.run(dir, [:], 'new', 'first').out == 'migrations/V1__first.groovy\n'
    }

    def "a folder numbered by timestamps gets a timestamp"() {
        given:
        new MigrationFolder(dir).write('V20200101000000__old.sql', '')

        when:
        def r = Cli.run(dir, [:], 'new', 'next')

        then:
        r.out ==~ /migrations\/V20\d{12}__next\.groovy\n/
        r.out.find(/\d{14}/) > '20200101000000'
    }

    def "a description without letters or digits is refused"() {
        when:
        def r = Cli.run(dir, [:], 'new', '!!!')

        then:
        r.exitCode == 2
        r.err == 'ERROR: A new migration needs a description with letters or digits, e.g. migrun new "add users email index".\n'
    }
}
