package io.migrun.internal.load

import spock.lang.Specification

class MigrationNameSpec extends Specification {

    def "#file is version #version, '#description', #type"() {
        when:
        def name = MigrationName.find(file).orElseThrow()

        then:
        name.version().toString() == version
        name.description() == description
        name.type() == type

        where:
        file                                | version          | description           | type
        'V1__create_users.groovy'           | '1'              | 'create users'        | ScriptType.GROOVY
        'V2__add_index.sql'                 | '2'              | 'add index'           | ScriptType.SQL
        'V1.2__split_name.groovy'           | '1.2'            | 'split name'          | ScriptType.GROOVY
        'V20261121093000__backfill.groovy'  | '20261121093000' | 'backfill'            | ScriptType.GROOVY
        'V3__two__underscores.sql'          | '3'              | 'two  underscores'    | ScriptType.SQL
    }

    def "#file is a misnamed migration because #problem"() {
        expect:
        MigrationName.looksLikeScript(file)
        MigrationName.find(file).isEmpty()
        MigrationName.problem(file) == problem

        where:
        file                 | problem
        'V1_create.groovy'   | 'two underscores must separate the version from the description'
        'v2__x.groovy'       | 'the prefix must be an upper-case V'
        'V__x.groovy'        | 'the version is missing between V and __'
        'V1.x__y.sql'        | "'1.x' is not a version: use digits separated by dots"
        'V3__.groovy'        | 'the description after __ is missing'
        'create_users.sql'   | 'a migration name starts with V and its version'
    }

    def "#file is not a script at all"() {
        expect:
        !MigrationName.looksLikeScript(file)

        where:
        file << ['README.md', '.gitkeep', 'V1__x.groovy~', 'V1__x.groovy.bak', '.V1__x.groovy.swp', 'notes.txt', '.hidden.sql']
    }
}
