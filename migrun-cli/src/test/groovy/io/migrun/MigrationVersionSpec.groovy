package io.migrun

import spock.lang.Specification

class MigrationVersionSpec extends Specification {

    def "versions compare numerically part by part: #a < #b"() {
        expect:
        MigrationVersion.parse(a) < MigrationVersion.parse(b)
        MigrationVersion.parse(b) > MigrationVersion.parse(a)

        where:
        a                | b
        '2'              | '10'
        '1.1'            | '1.2'
        '1.2'            | '1.10'
        '1'              | '1.1'
        '9'              | '20261121093000'
        '20261121093000' | '20261121093001'
    }

    def "trailing zero parts do not make another version"() {
        expect:
        MigrationVersion.parse('1') == MigrationVersion.parse('1.0')
        MigrationVersion.parse('1.0').hashCode() == MigrationVersion.parse('1').hashCode()
        MigrationVersion.parse('1.0').toString() == '1.0'
    }

    def "'#text' is not a version"() {
        when:
        MigrationVersion.parse(text)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "'${text}' is not a version: expected digits separated by dots, such as 7, 1.2 or 20261121093000"

        where:
        text << ['', '1.', '.1', 'a', '1_2', '1..2', '-1']
    }
}
