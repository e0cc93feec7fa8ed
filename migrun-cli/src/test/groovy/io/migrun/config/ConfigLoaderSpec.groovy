package io.migrun.config

import io.migrun.ConfigurationException
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path
import java.time.Duration

class ConfigLoaderSpec extends Specification {

    @TempDir
    Path dir

    def yaml(String text) {
        dir.resolve('migrun.yml').text = text.stripIndent()
    }

    def "flags beat environment, which beats the chosen environment, which beats the top level"() {
        given:
        yaml '''\
            url: jdbc:postgresql://yaml-top/app
            user: yaml-user
            table: yaml_log
            lockTimeout: 5m
            environments:
              prod:
                url: jdbc:postgresql://yaml-prod/app
                user: prod-user
            '''

        when:
        def config = ConfigLoader.load([user: 'flag-user', env: 'prod'], [MIGRUN_URL: 'jdbc:postgresql://env/app', MIGRUN_USER: 'env-user'], dir).build()

        then:
        config.url() == 'jdbc:postgresql://env/app'
        config.user() == 'flag-user'
        config.table() == 'yaml_log'
        config.lockTimeout() == Duration.ofMinutes(5)
        config.migrations() == dir.resolve('migrations')
    }

    def "the environment's section overrides the top level"() {
        given:
        yaml '''\
            url: jdbc:postgresql://yaml-top/app
            environments:
              prod:
                url: jdbc:postgresql://yaml-prod/app
            '''

        expect:
        ConfigLoader.load([:], [MIGRUN_ENV: 'prod'], dir).build().url() == 'jdbc:postgresql://yaml-prod/app'
    }

    def "defaults apply when nothing is set"() {
        when:
        def config = ConfigLoader.load([:], [:], dir).build()

        then:
        config.url() == null
        config.embedded()
        config.table() == '_migrationlog'
        config.lockTimeout() == Duration.ofSeconds(60)
        config.embeddedDataDir() == dir.resolve('.migrun').resolve('postgres')
    }

    def "a migrun.yml with #what yields the defaults, as no file does"() {
        given:
        def none = ConfigLoader.load([:], [:], dir).build()
        yaml text

        expect:
        ConfigLoader.load([:], [:], dir).build() == none

        where:
        what                   | text
        'nothing in it'        | ''
        'only comments'        | '# url: jdbc:postgresql://localhost:5432/app\n\n  # lockTimeout: 60s\n'
        'only blank lines'     | '\n  \n'
        'a null document'      | '~\n'
    }

    def "variables in YAML values come from the environment, with defaults"() {
        given:
        yaml '''\
            url: jdbc:postgresql://${DB_HOST:-localhost}:5432/app
            password: ${DB_PASSWORD}
            '''

        when:
        def config = ConfigLoader.load([:], [DB_PASSWORD: 's3cret'], dir).build()

        then:
        config.url() == 'jdbc:postgresql://localhost:5432/app'
        config.password() == 's3cret'
    }

    def "a variable that is not set is named"() {
        given:
        yaml 'password: ${DB_PASSWORD}\n'

        when:
        ConfigLoader.load([:], [:], dir)

        then:
        def e = thrown(ConfigurationException)
        e.message == 'migrun.yml: password refers to ${DB_PASSWORD}, which is not set in the environment. Set it, or give a default as ${DB_PASSWORD:-value}.'
    }

    def "a YAML syntax error names the line"() {
        given:
        yaml '''\
            url: jdbc:postgresql://localhost/app
            table: x: y
            '''

        when:
        ConfigLoader.load([:], [:], dir)

        then:
        def e = thrown(ConfigurationException)
        e.message == 'migrun.yml line 2 is not valid YAML: mapping values are not allowed here. Fix the file, or point --config elsewhere.'
    }

    def "a list where one value belongs names the key and its line"() {
        given:
        yaml '''\
            url: jdbc:postgresql://localhost/app
            user: [a, b]
            '''

        when:
        ConfigLoader.load([:], [:], dir)

        then:
        def e = thrown(ConfigurationException)
        e.message == "migrun.yml line 2: 'user' must be a single value, not a list or a map. Fix the file, or point --config elsewhere."
    }

    def "an unknown key is named with its line and the known keys"() {
        given:
        yaml '''\
            url: jdbc:postgresql://localhost/app
            passwd: oops
            '''

        when:
        ConfigLoader.load([:], [:], dir)

        then:
        def e = thrown(ConfigurationException)
        e.message == "migrun.yml line 2: unknown key 'passwd'. Known keys here: datasources, ddlLockTimeout, environments, http, keysFile, lint, lockRetries, lockRetryTime, lockTimeout, migrations, password, schema, scripts, table, url, user."
    }

    def "an unknown key inside an environment is named with its path"() {
        given:
        yaml '''\
            environments:
              prod:
                urll: jdbc:postgresql://prod/app
            '''

        when:
        ConfigLoader.load([:], [:], dir)

        then:
        def e = thrown(ConfigurationException)
        e.message == "migrun.yml line 3: unknown key 'environments.prod.urll'. Known keys here: datasources, ddlLockTimeout, http, keysFile, lint, lockRetries, lockRetryTime, lockTimeout, migrations, password, protected, schema, scripts, table, url, user."
    }

    def "an environment that is not defined is named with those that are"() {
        given:
        yaml '''\
            environments:
              staging: {url: 'jdbc:postgresql://s/app'}
              prod: {url: 'jdbc:postgresql://p/app'}
            '''

        when:
        ConfigLoader.load([env: 'qa'], [:], dir)

        then:
        def e = thrown(ConfigurationException)
        e.message == "The environment 'qa' is not defined in migrun.yml (defined: prod, staging). Add it under environments:, or pick another with --env."
    }

    def "bad values are all named at once"() {
        when:
        ConfigLoader.load([url: 'mysql://h/db', table: 'my-log', schema: '1x'], [:], dir).build()

        then:
        def e = thrown(ConfigurationException)
        e.message == '''\
            Invalid configuration:
              url 'mysql://h/db' is not a PostgreSQL JDBC URL: expected jdbc:postgresql://host:port/database or postgres://user:password@host:port/database
              table 'my-log' is not a plain identifier: use letters, digits and underscores, starting with a letter or underscore
              schema '1x' is not a plain identifier: use letters, digits and underscores, starting with a letter or underscore'''.stripIndent()
    }

    def "a malformed lock timeout is named"() {
        when:
        ConfigLoader.load([lockTimeout: 'soon'], [:], dir)

        then:
        def e = thrown(ConfigurationException)
        e.message == "Invalid lock timeout: 'soon' is not a duration: expected a number with ms, s, m, h or d, such as 60s."
    }

    def "the configuration's text never shows the password"() {
        when:
        def text = ConfigLoader.load([url: 'jdbc:postgresql://h/db?password=urlsecret', password: 'flagsecret'], [:], dir).build().toString()

        then:
        !text.contains('urlsecret')
        !text.contains('flagsecret')
        text.contains('password=***')
    }
}
