package io.migrun

import io.migrun.support.DatabaseSpecification
import io.migrun.support.TestPostgres

class VersionArgumentSpec extends DatabaseSpecification {

    static final String NOT_A_VERSION = "'v2' is not a version: expected digits separated by dots, such as 7, 1.2 or 20261121093000."

    def "an embedder's bad version for #method names the argument '#argument', not a command-line flag"() {
        given:
        Migrun migrun = Migrun.configure().url(db.url).user(TestPostgres.APP_USER).password(TestPostgres.APP_PASSWORD)
                .migrations(folder.migrations).load()

        when:
        call(migrun)

        then:
        ConfigurationException e = thrown()
        e.message == "Invalid argument '${argument}' of Migrun.${method}: ${NOT_A_VERSION}"
        db.value("SELECT count(*) FROM pg_tables WHERE tablename LIKE '\\_migration%'") == 0

        cleanup:
        migrun?.close()

        where:
        method        | argument  | call
        'retryErrors' | 'version' | { Migrun m -> m.retryErrors('v2') }
        'repair'      | 'version' | { Migrun m -> m.repair('v2', false) }
        'pause'       | 'version' | { Migrun m -> m.pause('v2') }
        'resume'      | 'version' | { Migrun m -> m.resume('v2') }
        'cancel'      | 'version' | { Migrun m -> m.cancel('v2') }
        'retry'       | 'version' | { Migrun m -> m.retry('v2') }
        'errors'      | 'version' | { Migrun m -> m.errors('v2') }
        'down'        | 'to'      | { Migrun m -> m.down('v2', null) }
        'down'        | 'to'      | { Migrun m -> m.down('v2', null, true) }
        'downDryRun'  | 'to'      | { Migrun m -> m.downDryRun('v2', null) }
        'downDryRun'  | 'to'      | { Migrun m -> m.downDryRun('v2', null, true) }
        'verify'      | 'version' | { Migrun m -> m.verify('v2') }
        'cleanup'     | 'version' | { Migrun m -> m.cleanup('v2', false) }
        'baseline'    | 'version' | { Migrun m -> m.baseline('v2') }
    }

    def "the command line names its own flag or parameter: migrun #args"() {
        when:
        def r = migrun(*args.split(' '))

        then:
        r.exitCode == 2
        r.err == "ERROR: Invalid ${named}: ${NOT_A_VERSION}\n"

        where:
        args                           | named
        'down --to v2'                 | '--to'
        'down --dry-run --to v2'       | '--to'
        'baseline --version v2'        | '--version'
        'up --target v2'               | '--target'
        'up --retry-errors v2'         | 'version'
        'repair v2'                    | 'version'
        'pause v2'                     | 'version'
        'resume v2'                    | 'version'
        'cancel v2'                    | 'version'
        'retry v2'                     | 'version'
        'errors v2'                    | 'version'
        'verify v2'                    | 'version'
        'cleanup v2'                   | 'version'
    }

    def "an embedder may pass versions as MigrationVersion"() {
        given:
        folder.write('V1__one.sql', 'CREATE TABLE one (id int);')
                .write('V2__two.groovy', "up { sql.execute 'CREATE TABLE two (id int)' }\ndown { sql.execute 'DROP TABLE two' }\n")
        Migrun migrun = Migrun.configure().url(db.url).user(TestPostgres.APP_USER).password(TestPostgres.APP_PASSWORD)
                .migrations(folder.migrations).target(MigrationVersion.parse('2')).load()

        when:
        migrun.migrate()
        def undone = migrun.down(MigrationVersion.parse('1'), null, false)

        then:
        undone.undone()*.version() == ['2']
        undone.currentVersion() == '1'
        db.value("SELECT to_regclass('two') IS NULL") == true

        cleanup:
        migrun?.close()
    }
}
