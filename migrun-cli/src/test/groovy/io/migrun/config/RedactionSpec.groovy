package io.migrun.config

import spock.lang.Specification

class RedactionSpec extends Specification {

    def "passwords in #url are masked"() {
        expect:
        Redaction.maskUrl(url) == masked
        Redaction.passwordsInUrl(url) == secrets

        where:
        url                                                        | masked                                                  | secrets
        'jdbc:postgresql://h:5432/db?user=a&password=s3cret&ssl=1' | 'jdbc:postgresql://h:5432/db?user=a&password=***&ssl=1' | ['s3cret']
        'jdbc:postgresql://a:s3cret@h/db'                          | 'jdbc:postgresql://a:***@h/db'                          | ['s3cret']
        'jdbc:postgresql://h/db?PASSWORD=x&sslpassword=y'          | 'jdbc:postgresql://h/db?PASSWORD=***&sslpassword=***'   | ['x', 'y']
        'jdbc:postgresql://h/db'                                   | 'jdbc:postgresql://h/db'                                | []
        'postgres://a:p%40ss%2Fw@h:1/db?sslmode=require'           | 'postgres://a:***@h:1/db?sslmode=require'              | ['p%40ss%2Fw', 'p@ss/w']
        'postgres://a:p@ss@h/db'                                   | 'postgres://a:***@h/db'                                 | ['p@ss']
        'postgresql://a@h/db?x=a@b'                                | 'postgresql://a@h/db?x=a@b'                             | []
    }

    def "known secrets are blanked wherever they appear"() {
        expect:
        Redaction.redact('auth failed for hunter2 at hunter2', ['hunter2']) == 'auth failed for *** at ***'
    }
}
