package io.migrun.config

import io.migrun.ConfigurationException
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** libpq-style URLs and DATABASE_URL, as every layer of the configuration gives them. */
class PostgresUrlSpec extends Specification {

    @TempDir
    Path dir

    def "#url becomes the JDBC URL #jdbc with user #user"() {
        when:
        def config = ConfigLoader.load([url: url], [:], dir).build()

        then:
        config.url() == jdbc
        config.user() == user
        config.password() == password

        where:
        url                                                      | jdbc                                                       | user  | password
        'postgres://app:s3cret@db.example.com:6543/app'          | 'jdbc:postgresql://db.example.com:6543/app'                | 'app' | 's3cret'
        'postgresql://app:s3cret@db.example.com/app'             | 'jdbc:postgresql://db.example.com:5432/app'                | 'app' | 's3cret'
        'postgres://app:s3cret@db/app?sslmode=require&x=1'       | 'jdbc:postgresql://db:5432/app?sslmode=require&x=1'        | 'app' | 's3cret'
        'postgres://a%40b:p%40ss%2Fw%3Ard+x@db:1/app'            | 'jdbc:postgresql://db:1/app'                               | 'a@b' | 'p@ss/w:rd+x'
        'postgres://app:p@ss@db:1/app'                           | 'jdbc:postgresql://db:1/app'                               | 'app' | 'p@ss'
        'postgres://app@[::1]:6543/app'                          | 'jdbc:postgresql://[::1]:6543/app'                         | 'app' | null
        'postgres://[2001:db8::1]/app'                           | 'jdbc:postgresql://[2001:db8::1]:5432/app'                 | null  | null
        'POSTGRES://app:@localhost/app'                          | 'jdbc:postgresql://localhost:5432/app'                     | 'app' | null
        'jdbc:postgresql://localhost:5432/app?user=x'            | 'jdbc:postgresql://localhost:5432/app?user=x'              | null  | null
    }

    def "a user or password set explicitly wins over the URL's, from #layer"() {
        given:
        if (yaml) {
            dir.resolve('migrun.yml').text = yaml
        }

        when:
        def config = ConfigLoader.load(flags, env, dir).build()

        then:
        config.url() == 'jdbc:postgresql://db:5432/app'
        config.user() == 'explicit'
        config.password() == 'url-pass'

        where:
        layer      | flags                                                      | env                                                        | yaml
        'a flag'   | [url: 'postgres://u:url-pass@db/app', user: 'explicit']    | [:]                                                        | ''
        'env'      | [:]                                                        | [MIGRUN_URL: 'postgres://u:url-pass@db/app', MIGRUN_USER: 'explicit'] | ''
        'the yml'  | [:]                                                        | [:]                                                        | 'url: postgres://u:url-pass@db/app\nuser: explicit\n'
        'yml env'  | [env: 'prod']                                              | [:]                                                        | 'environments:\n  prod:\n    url: postgres://u:url-pass@db/app\n    user: explicit\n'
    }

    def "the password set explicitly wins over the URL's"() {
        expect:
        ConfigLoader.load([:], [DATABASE_URL: 'postgres://u:url-pass@db/app', MIGRUN_PASSWORD: 'env-pass'], dir).build().password() == 'env-pass'
    }

    def "DATABASE_URL is read when MIGRUN_URL is not set; MIGRUN_URL wins over it and a flag over both"() {
        expect:
        ConfigLoader.load(flags, env, dir).build().url() == expected

        where:
        flags                                   | env                                                                             | expected
        [:]                                     | [DATABASE_URL: 'postgres://u:p@dburl/app']                                      | 'jdbc:postgresql://dburl:5432/app'
        [:]                                     | [DATABASE_URL: 'jdbc:postgresql://dburl/app']                                   | 'jdbc:postgresql://dburl/app'
        [:]                                     | [DATABASE_URL: 'postgres://u:p@dburl/app', MIGRUN_URL: 'postgres://m@murl/app'] | 'jdbc:postgresql://murl:5432/app'
        [url: 'jdbc:postgresql://flag/app']     | [DATABASE_URL: 'postgres://u:p@dburl/app', MIGRUN_URL: 'postgres://m@murl/app'] | 'jdbc:postgresql://flag/app'
    }

    def "DATABASE_URL beats url: in migrun.yml, as MIGRUN_URL does"() {
        given:
        dir.resolve('migrun.yml').text = 'url: jdbc:postgresql://yaml/app\n'

        expect:
        ConfigLoader.load([:], [DATABASE_URL: 'postgres://u:p@dburl/app'], dir).build().url() == 'jdbc:postgresql://dburl:5432/app'
    }

    def "#url is refused with a message that shows no password"() {
        when:
        ConfigLoader.load([url: url], [:], dir).build()

        then:
        def e = thrown(ConfigurationException)
        e.message == message
        !e.message.contains('s3cret')

        where:
        url                                     | message
        'postgres://app:s3cret@db.example.com'  | "url 'postgres://app:***@db.example.com' names no database: expected postgres://user:password@host:port/database. Add the database after the host, e.g. …@localhost:5432/app."
        'postgres://app:s3cret@db:5432/?x=1'    | "url 'postgres://app:***@db:5432/?x=1' names no database: expected postgres://user:password@host:port/database. Add the database after the host, e.g. …@localhost:5432/app."
        'postgres://app:s3cret@/app'            | "url 'postgres://app:***@/app' names no host: expected postgres://user:password@host:port/database. Add the host, e.g. localhost."
        'postgres://app:s3cret@db:port/app'     | "url 'postgres://app:***@db:port/app' has the port 'port': expected postgres://user:password@host:port/database with a port from 1 to 65535. Fix the port, or leave it out for 5432."
        'postgres://app:s3cret@db:99999/app'    | "url 'postgres://app:***@db:99999/app' has the port '99999': expected postgres://user:password@host:port/database with a port from 1 to 65535. Fix the port, or leave it out for 5432."
        'postgres://app:s3cret@db:0/app'        | "url 'postgres://app:***@db:0/app' has the port '0': expected postgres://user:password@host:port/database with a port from 1 to 65535. Fix the port, or leave it out for 5432."
        'postgres://app:s3cret@::1/app'         | "url 'postgres://app:***@::1/app' has an IPv6 address without brackets: expected postgres://user:password@host:port/database. Write the address in brackets, e.g. [::1]:5432."
        'postgres://app:s3cret@[::1/app'        | "url 'postgres://app:***@[::1/app' has an IPv6 address without brackets: expected postgres://user:password@host:port/database. Write the address in brackets, e.g. [::1]:5432."
        'postgres://app:s3cret@[::1]x/app'      | "url 'postgres://app:***@[::1]x/app' has the port 'x': expected postgres://user:password@host:port/database with a port from 1 to 65535. Fix the port, or leave it out for 5432."
        'postgres://app:s3cret@h1,h2/app'       | "url 'postgres://app:***@h1,h2/app' names several hosts: expected postgres://user:password@host:port/database with one host. For several, write jdbc:postgresql://host1:port1,host2:port2/database."
        'postgres://app:s3cret%zz@db/app'       | "url 'postgres://app:***@db/app' has a % in its password that is not followed by two hex digits: expected postgres://user:password@host:port/database, special characters written as %XX. Write % itself as %25."
        'mysql://app:s3cret@db/app'             | "Invalid configuration:\n  url 'mysql://app:***@db/app' is not a PostgreSQL JDBC URL: expected jdbc:postgresql://host:port/database or postgres://user:password@host:port/database"
    }

    def "a datasource's url may be a postgres:// URL, its user and password taken from it"() {
        given:
        dir.resolve('migrun.yml').text = 'datasources:\n  legacy:\n    url: postgres://old:p%40ss@legacy-db/old\n'

        when:
        def ds = ConfigLoader.load([:], [:], dir).build().helpers().datasources().legacy

        then:
        ds.url() == 'jdbc:postgresql://legacy-db:5432/old'
        ds.user() == 'old'
        ds.password() == 'p@ss'
    }

    def "the password of a postgres:// URL is a secret, in #form form, in every place migrun looks for one"() {
        given:
        def config = ConfigLoader.load([url: 'postgres://app:p%40ss%2Bword@db/app'], [:], dir).build()
        def mask = SecretMask.of(config.secrets())

        expect:
        mask.mask("before ${text} after") == 'before *** after'
        SecretMask.of(ConfigLoader.secretsIn([DATABASE_URL: 'postgres://app:p%40ss%2Bword@db/app'])).mask("before ${text} after") == 'before *** after'

        where:
        form             | text
        'decoded'        | 'p@ss+word'
        'percent-encoded'| 'p%40ss%2Bword'
        'lower-case hex' | 'p%40ss%2bword'
    }
}
