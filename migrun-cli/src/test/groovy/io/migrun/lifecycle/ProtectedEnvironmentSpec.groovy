package io.migrun.lifecycle

import io.migrun.support.Cli
import io.migrun.support.DatabaseSpecification

class ProtectedEnvironmentSpec extends DatabaseSpecification {

    def setup() {
        dir.resolve('migrun.yml').text = 'environments:\n  prod:\n    protected: true\n  dev: {}\n'
        folder.write('V1__notes.sql', 'CREATE TABLE notes (id int);')
    }

    def "without a terminal a protected environment refuses changes unless --yes is given"() {
        when:
        def refused = migrun('up', '--env', 'prod')
        def logged = db.value("SELECT to_regclass('_migrationlog') IS NOT NULL")
        def yes = migrun('up', '--env', 'prod', '--yes')

        then:
        refused.exitCode == 2
        refused.err == '''\
            ERROR: prod is a protected environment, and there is no terminal to confirm on. This would:
              apply V1 notes
            Nothing was done. Run it from a terminal, or add --yes to confirm (e.g. in a deployment job).
            '''.stripIndent()
        !logged
        yes.exitCode == 0
        yes.out.startsWith('prod is a protected environment; going on as --yes says:\n  apply V1 notes\n')
        db.value("SELECT to_regclass('notes') IS NOT NULL") == true
    }

    def "on a terminal the operator types the environment's name to go on; anything else stops"() {
        when:
        def wrong = Cli.runTyped(dir, db.env(), ['production'], 'up', '--env', 'prod')
        def right = Cli.runTyped(dir, db.env(), ['prod'], 'up', '--env', 'prod')

        then:
        wrong.exitCode == 2
        wrong.out == "prod is a protected environment. This will:\n  apply V1 notes\nType the environment's name (prod) to go on: "
        wrong.err == "ERROR: Not confirmed (typed 'production'); nothing was done.\n"
        right.exitCode == 0
        right.out.contains('Applied V1 notes')
    }

    def "status, validate and dry runs never ask; an unprotected environment never asks"() {
        expect:
        migrun('status', '--env', 'prod').exitCode == 0
        migrun('validate', '--env', 'prod').exitCode == 0
        migrun('up', '--env', 'prod', '--dry-run').exitCode == 0
        migrun('up', '--env', 'dev').exitCode == 0
    }

    def "ad-hoc scripts, down and cleanup ask too, showing the script and its arguments"() {
        given:
        java.nio.file.Files.createDirectories(dir.resolve('scripts'))
        dir.resolve('scripts/fix.groovy').text = "arg 'id', Integer, required: true\narg 'pin', String, secret: true\nrun { sql.execute 'INSERT INTO notes VALUES (?)', [args.id] }\n"
        migrun('up', '--env', 'prod', '--yes')

        when:
        def run = migrun('run', 'fix', '--arg', 'id=7', '--arg', 'pin=0000', '--env', 'prod')
        def down = migrun('down', '--env', 'prod')

        then:
        run.exitCode == 2
        run.err.startsWith('ERROR: prod is a protected environment, and there is no terminal to confirm on. This would:\n  run fix.groovy with {"id":7,"pin":"***"}\n')
        down.exitCode == 2
        down.err.contains('  undo the last applied migration\n')
        db.value('SELECT count(*) FROM notes') == 0
    }
}
