package io.migrun.spring.boot

import org.springframework.boot.SpringApplication
import org.springframework.core.env.MapPropertySource
import org.springframework.core.env.StandardEnvironment
import org.springframework.core.env.SystemEnvironmentPropertySource
import spock.lang.Specification

class InitJobEnvironmentPostProcessorSpec extends Specification {

    def "Spring Boot's shutdown hook is #hook with #setting"() {
        given:
        def environment = new StandardEnvironment()
        environment.propertySources.addFirst(variable ? new SystemEnvironmentPropertySource('spec', properties) : new MapPropertySource('spec', properties))

        when:
        new InitJobEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication())

        then:
        environment.getProperty('spring.main.register-shutdown-hook', Boolean, true) == (hook == 'on')

        where:
        setting                                       | variable | properties                                                                | hook
        'migrun.mode=init-job'                        | false    | ['migrun.mode': 'init-job']                                               | 'off'
        'the variable MIGRUN_MODE=INIT_JOB'           | true     | ['MIGRUN_MODE': 'INIT_JOB']                                               | 'off'
        'migrun.mode=init-job and the hook asked for' | false    | ['migrun.mode': 'init-job', 'spring.main.register-shutdown-hook': 'true'] | 'off'
        'migrun.mode=migrate'                         | false    | ['migrun.mode': 'migrate']                                                | 'on'
        'no migrun.mode'                              | false    | [:]                                                                       | 'on'
    }
}
