package io.migrun.helper

import spock.lang.Specification

class RowSpec extends Specification {

    /** Found through a row's closure owner when the row has no such column. */
    String owned = 'the spec'

    static Row row(Map<String, Object> values) {
        Row r = new Row(new Row.Names(values.keySet() as String[]))
        values.each { k, v -> r.fill(k, v) }
        r
    }

    def "a row finds a column by its exact name or ignoring case, and iterates with the names the database gave"() {
        given:
        def r = row([id: 1, createdAt: '2026-01-02', note: null])

        expect:
        r.createdAt == '2026-01-02'
        r.createdat == '2026-01-02'
        r['CREATEDAT'] == '2026-01-02'
        r.get('CreatedAt') == '2026-01-02'
        r.note == null
        r.keySet() as List == ['id', 'createdAt', 'note']
        r.containsKey('NOTE')
        r.getOrDefault('Id', 0) == 1
    }

    def "reading a column the row does not have fails #how, naming it and the row's columns"() {
        given:
        def r = row([id: 1, name: 'Ada', email: 'a@b.c'])

        when:
        read(r)

        then:
        MissingColumnException e = thrown()
        e.message == "row has no column 'nmae'; its columns are: id, name, email"

        where:
        how             | read
        'as a property' | { it.nmae }
        'with []'       | { it['nmae'] }
        'with get'      | { it.get('nmae') }
    }

    def "containsKey and getOrDefault ask about a missing column without failing"() {
        given:
        def r = row([id: 1])

        expect:
        !r.containsKey('nmae')
        r.getOrDefault('nmae', 'none') == 'none'
    }

    def "columns named like the row's own fields are read as columns"() {
        expect:
        row([names: 'n', added: 'a']).names == 'n'
        row([names: 'n', added: 'a']).added == 'a'
    }

    def "put and remove find names as lookups do, and a new name is added as given"() {
        given:
        def r = row([id: 1, createdAt: 'then'])

        when:
        r.createdat = 'now'
        r.Extra = 'x'
        r.remove('ID')

        then:
        r == [createdAt: 'now', Extra: 'x']
        r.extra == 'x'
        r.keySet() as List == ['createdAt', 'Extra']
    }

    def "two columns that differ only in case are found by their exact names, and a name matching both is refused"() {
        given:
        def r = row([id: 1, ID: 2])

        when:
        def exact = [r.id, r.ID]
        r.Id

        then:
        exact == [1, 2]
        MissingColumnException e = thrown()
        e.message == "row has no column 'Id' and several that differ from it only in case; its columns are: id, ID. Name one exactly"
    }

    def "inside row.with { } a name the row does not have is the closure owner's"() {
        expect:
        row([id: 7]).with { [id, owned] } == [7, 'the spec']
    }
}
