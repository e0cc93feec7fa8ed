package io.migrun.spring.boot

import io.migrun.ConfigurationException
import io.migrun.LockException
import io.migrun.MigrunException
import io.migrun.ValidationException
import org.springframework.beans.factory.BeanCreationException
import spock.lang.Specification

class MigrunFailureAnalyzerSpec extends Specification {

    def "a start-up migrun stopped with #failure.class.simpleName is reported with migrun's message and exit code #code"() {
        when:
        def startup = new MigrunStartupException(failure)
        def analysis = new MigrunFailureAnalyzer().analyze(new BeanCreationException('migrunInitializer', 'failed', startup))

        then:
        startup.exitCode == code
        analysis.description == 'what migrun found'
        analysis.action == action
        analysis.cause.is(startup)

        where:
        failure                                        | code | action
        new ConfigurationException('what migrun found') | 2    | 'Correct the migrun.* setting the description names, then start the application again. migrun ends the start-up with exit code 2 (configuration).'
        new ValidationException('what migrun found')    | 3    | "Bring the migrations folder and the database's log into agreement as the description says, then start the application again. migrun ends the start-up with exit code 3 (validation)."
        new LockException('what migrun found')          | 4    | 'Wait for the other runner to finish, or raise migrun.lock-timeout, then start the application again. migrun ends the start-up with exit code 4 (lock).'
        new MigrunException('what migrun found')        | 1    | 'Fix what the description names (the failed script, or the database), then start the application again. migrun ends the start-up with exit code 1 (failed).'
    }
}
