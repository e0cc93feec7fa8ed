package io.migrun.internal.load

import spock.lang.Specification

class ChecksumsSpec extends Specification {

    def "a BOM and CRLF or CR line endings do not change the checksum"() {
        expect:
        Checksums.of(variant) == Checksums.of("up {\n  sql.execute 'x'\n}\n")

        where:
        variant << ["\uFEFFup {\n  sql.execute 'x'\n}\n", "up {\r\n  sql.execute 'x'\r\n}\r\n", "up {\r  sql.execute 'x'\r}\r"]
    }

    def "the checksum is sha256 of the text in hex"() {
        expect:
        Checksums.of('abc') == 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    }

    def "any other change changes the checksum"() {
        expect:
        Checksums.of('select 1;') != Checksums.of('select 1; ')
    }
}
