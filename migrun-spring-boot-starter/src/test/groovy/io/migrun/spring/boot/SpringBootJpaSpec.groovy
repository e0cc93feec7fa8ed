package io.migrun.spring.boot

import io.migrun.spring.boot.actuate.MigrunEndpoint
import io.migrun.spring.boot.app.DemoApplication
import io.migrun.spring.boot.app.Greeting
import io.migrun.spring.boot.app.GreetingRepository
import org.springframework.boot.SpringApplication
import org.springframework.boot.actuate.health.HealthIndicator
import org.springframework.boot.actuate.health.Status
import org.springframework.context.ConfigurableApplicationContext
import spock.lang.Specification

import java.nio.file.Path

import static io.migrun.spring.boot.SpringPostgres.freshUrl

/**
 * A whole Spring Boot application (JPA with {@code ddl-auto=validate}, Actuator) started with the
 * README's {@code application.properties}: it starts only because migrun ran before Hibernate.
 */
class SpringBootJpaSpec extends Specification {

    String url = freshUrl()

    /** The README's file as it is; only the connection is the spec's. */
    String[] args(String... more) {
        ['--spring.config.location=classpath:readme/application.properties', "--spring.datasource.url=${url}",
         '--spring.datasource.username=postgres', '--spring.datasource.password=', '--spring.main.banner-mode=off'] + more.toList()
    }

    def "the file this spec runs is the README's application.properties"() {
        given:
        String readme = Path.of(System.getProperty('basedir', '.')).resolve('../README.md').text
        String section = readme.substring(readme.indexOf('### Spring Boot'))

        expect:
        section.substring(section.indexOf('```properties\n') + 14, section.indexOf('```', section.indexOf('```properties\n') + 14)) ==
                getClass().getResource('/readme/application.properties').text
    }

    def "the README's application.properties starts an application whose JPA validates the tables migrun created"() {
        when:
        ConfigurableApplicationContext context = SpringApplication.run(DemoApplication, args())
        GreetingRepository greetings = context.getBean(GreetingRepository)
        greetings.save(new Greeting(2L, 'hello from JPA'))

        then:
        greetings.findAll()*.text.sort() == ['hello from JPA', 'hello from migrun']

        and: 'the endpoint and the health indicator read the same database'
        MigrunEndpoint.Status status = context.getBean(MigrunEndpoint).status()
        status.currentVersion() == '2'
        status.pendingCount() == 0
        status.migrations().collect { [it.version(), it.description(), it.state(), it.checksum()] } ==
                [['1', 'create greeting', 'succeeded', 'ok'], ['2', 'first greeting', 'succeeded', 'ok']]
        def health = context.getBean('migrunHealthIndicator', HealthIndicator).health()
        health.status == Status.UP
        health.details == [currentVersion: '2', pendingCount: 0L]

        cleanup:
        context?.close()
    }

    def "with migrun.mode=none Hibernate finds no table to validate, so the order is what starts the application"() {
        when:
        SpringApplication.run(DemoApplication, args('--migrun.mode=none')).close()

        then:
        Exception e = thrown()
        rootCause(e).message == 'Schema-validation: missing table [greeting]'
    }

    static Throwable rootCause(Throwable e) {
        Throwable t = e
        while (t.cause != null && t.cause != t) {
            t = t.cause
        }
        t
    }
}
