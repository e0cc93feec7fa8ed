package io.migrun.config

import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path
import java.time.Duration

/** The migrun.yml of migrun init lists every setting the loader reads, and each line, uncommented, is one it accepts. */
class InitTemplateSpec extends Specification {

    @TempDir
    Path dir

    static final Map<String, String> ENV = [DB_PASSWORD: 'pw', API_TOKEN: 'tok', API_KEY: 'key', LEGACY_PASSWORD: 'lpw', PROD_DB_USER: 'deployer']

    /** The template with the comment sign taken off every setting line and every nested explanation. */
    static String uncommented(String text) {
        text.readLines().collect { line ->
            def m = line =~ /^# ( *)([A-Za-z][A-Za-z0-9]*:( .*)?|# .*)$/
            m.matches() ? line.substring(2) : line
        }.join('\n') + '\n'
    }

    static Set<String> components(Class<?> record) {
        record.recordComponents*.name as Set
    }

    def "every setting of the loader is in the file, and nothing else"() {
        when:
        Map doc = new ObjectMapper(new YAMLFactory()).readValue(uncommented(InitTemplate.text('migrations')), Map)

        then:
        doc.keySet() == components(YamlFile) - 'keys'
        (doc.http as Map).keySet() == components(YamlFile.YamlHttp)
        (doc.datasources.legacy as Map).keySet() == components(YamlFile.YamlDatasource)
        (doc.environments.prod as Map).keySet() == ['url', 'user', 'protected'] as Set
        (components(YamlFile.YamlEnvironment) - 'isProtected' + 'protected') == (components(YamlFile) - 'environments' + 'protected')
    }

    def "uncommented, the file loads with the values it shows, at the top level and in its environment"() {
        given:
        dir.resolve('migrun.yml').text = uncommented(InitTemplate.text('migrations'))

        when:
        def top = ConfigLoader.load([:], ENV, dir).build()
        def prod = ConfigLoader.load([env: 'prod'], ENV, dir).build()

        then:
        top.url() == 'jdbc:postgresql://localhost:5432/app'
        top.user() == 'app'
        top.password() == 'pw'
        top.migrations() == dir.resolve('migrations')
        top.scripts() == dir.resolve('scripts')
        top.schema() == 'public'
        top.table() == '_migrationlog'
        top.lockTimeout() == Duration.ofSeconds(60)
        top.helpers().keysFile() == dir.resolve('keys.txt')
        top.helpers().http() == new HttpSettings('https://api.example.com', 'tok', ['X-Api-Key': 'key'], Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(60), 20d, 5, Duration.ofMinutes(2), false)
        top.helpers().datasources() == [legacy: new DatasourceSettings('jdbc:postgresql://old-db:5432/app', 'reader', 'lpw', 4)]
        prod.url() == 'jdbc:postgresql://db.internal:5432/app'
        prod.user() == 'deployer'
        prod.protectedEnvironment()
    }

    def "the values it shows for settings with defaults are the defaults"() {
        given:
        dir.resolve('migrun.yml').text = uncommented(InitTemplate.text('migrations'))
        def shown = ConfigLoader.load([:], ENV, dir).build()
        def defaults = ConfigLoader.load([:], [:], Path.of('/nowhere')).build()

        expect:
        shown.table() == defaults.table()
        shown.lockTimeout() == defaults.lockTimeout()
        shown.migrations().fileName == defaults.migrations().fileName
        shown.scripts().fileName == defaults.scripts().fileName
        shown.helpers().http().with { [connectTimeout(), readTimeout(), callTimeout(), maxRetries(), maxRetryTime(), allowPlainHttp()] } ==
                HttpSettings.DEFAULTS.with { [connectTimeout(), readTimeout(), callTimeout(), maxRetries(), maxRetryTime(), allowPlainHttp()] }
        shown.helpers().datasources().legacy.poolSize() == 4
    }

    def "a migrations folder other than the default is set, quoted when YAML needs it"() {
        expect:
        InitTemplate.text(folder).readLines().findAll { !it.startsWith('#') && !it.blank } == [line]

        where:
        folder          | line
        'db/migrations' | 'migrations: db/migrations'
        "it's here"     | "migrations: 'it''s here'"
    }
}
