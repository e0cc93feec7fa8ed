package io.migrun.config

import spock.lang.Specification

class SecretMaskSpec extends Specification {

    def "#text is masked as #masked"() {
        expect:
        SecretMask.of(secrets).mask(text) == masked

        where:
        secrets                    | text                                        | masked
        ['hunter22']               | 'auth failed for hunter22 at hunter22'      | 'auth failed for *** at ***'
        ['p@ss w/rd+1']            | 'raw p@ss w/rd+1'                           | 'raw ***'
        ['p@ss w/rd+1']            | 'form p%40ss+w%2Frd%2B1'                    | 'form ***'
        ['p@ss w/rd+1']            | 'path p%40ss%20w%2Frd%2B1'                  | 'path ***'
        ['p@ss w/rd+1']            | 'lower p%40ss%20w%2frd%2b1'                 | 'lower ***'
        ['p@ss w/rd+1']            | 'partly encoded p@ss%20w/rd+1'              | 'partly encoded ***'
        ['say "hi"\\now']          | 'json {"v":"say \\"hi\\"\\\\now"}'          | 'json {"v":"***"}'
        ['sécret-ü']               | 'utf-8 s%C3%A9cret-%C3%BC'                  | 'utf-8 ***'
        ['abc']                    | 'abc is too short to mask: abcdef'          | 'abc is too short to mask: abcdef'
        ['abcd']                   | 'abcd, four characters, is masked'          | '***, four characters, is masked'
        ['k1=AAAA,k2=BBBB', 'AAAA'] | 'keys k1=AAAA,k2=BBBB and AAAA'            | 'keys *** and ***'
        []                         | 'nothing to mask'                           | 'nothing to mask'
    }

    def "JSON stays JSON: strings, field names and numbers that show a secret are masked"() {
        expect:
        SecretMask.of(['s3cr3t-val', '31415926']).maskJson(json) == masked

        where:
        json                                                      | masked
        '{"a": "x s3cr3t-val y", "n": 1}'                         | '{"a":"x *** y","n":1}'
        '{"s3cr3t-val": true}'                                    | '{"***":true}'
        '{"pin": 31415926, "list": [1, "31415926"]}'              | '{"pin":"***","list":[1,"***"]}'
        '{"untouched": 0.10}'                                     | '{"untouched": 0.10}'
        'not json s3cr3t-val'                                     | 'not json ***'
        null                                                      | null
    }

    def "secrets added later are masked from then on"() {
        given:
        SecretMask mask = new SecretMask()

        when:
        String before = mask.mask('token tok-9911')
        mask.add(['tok-9911'])

        then:
        before == 'token tok-9911'
        mask.mask('token tok-9911') == 'token ***'
    }
}
