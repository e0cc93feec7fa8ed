package io.migrun.spring.boot

import io.migrun.Migrun
import io.migrun.MigrunException
import io.migrun.spring.boot.actuate.MigrunActuatorAutoConfiguration
import io.migrun.spring.boot.actuate.MigrunEndpoint
import io.migrun.spring.boot.actuate.MigrunHealthIndicator
import org.springframework.boot.actuate.endpoint.annotation.Endpoint
import org.springframework.boot.actuate.health.Status
import org.springframework.boot.autoconfigure.AutoConfigurations
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration
import org.springframework.boot.test.context.FilteredClassLoader
import org.springframework.boot.test.context.runner.ApplicationContextRunner
import spock.lang.Specification

import java.nio.file.Path

import static io.migrun.spring.boot.SpringPostgres.freshUrl
import static io.migrun.spring.boot.SpringPostgres.migrations

class MigrunActuatorSpec extends Specification {

    static final String CREATE = 'CREATE TABLE greeting (id bigint PRIMARY KEY, text text NOT NULL);'

    String url = freshUrl()
    Path folder = migrations(['V1__create_greeting.sql': CREATE])

    ApplicationContextRunner runner(String... properties) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration, MigrunAutoConfiguration, MigrunActuatorAutoConfiguration))
                .withPropertyValues("spring.datasource.url=${url}", 'spring.datasource.username=postgres',
                        "migrun.locations=${folder}", 'migrun.mode=none', 'management.endpoints.web.exposure.include=migrun')
                .withPropertyValues(properties)
    }

    /** Brings the database to where {@code situation} says, with migrun itself. */
    void prepare(String situation) {
        Migrun migrun = Migrun.configure().url(url).user('postgres').migrations(folder).load()
        try {
            migrun.migrate()
            switch (situation) {
                case 'pending': folder.resolve('V2__more.sql').text = 'ALTER TABLE greeting ADD COLUMN lang text;'; break
                case 'failed': folder.resolve('V2__broken.sql').text = 'INSERT INTO nowhere VALUES (1);'; tryMigrate(migrun); break
                case 'edited': folder.resolve('V1__create_greeting.sql').text = CREATE + '\n-- edited'; break
            }
        } finally {
            migrun.close()
        }
    }

    static void tryMigrate(Migrun migrun) {
        try {
            migrun.migrate()
        } catch (MigrunException ignored) {
            // the failed run is what the spec looks at
        }
    }

    def "the health is #status when #situation#pendingDown"() {
        given:
        prepare(situation)

        expect:
        runner("migrun.health.pending-down=${pendingDown != ''}").run { context ->
            assert context.startupFailure == null
            def health = context.getBean(MigrunHealthIndicator).health()
            assert health.status == status
            assert health.details == details
        }

        where:
        situation | pendingDown                    | status      | details
        'applied' | ''                             | Status.UP   | [currentVersion: '1', pendingCount: 0L]
        'pending' | ''                             | Status.UP   | [currentVersion: '1', pendingCount: 1L]
        'pending' | ' with pending-down'           | Status.DOWN | [currentVersion: '1', pendingCount: 1L]
        'failed'  | ''                             | Status.DOWN | [currentVersion: '1', pendingCount: 1L, failed: ['V2__broken.sql']]
        'edited'  | ''                             | Status.DOWN | [currentVersion: '1', pendingCount: 0L, awaitingRepair: ['V1__create_greeting.sql']]
    }

    def "the endpoint shows every migration with its state, checksum and error"() {
        given:
        prepare('failed')

        expect:
        runner().run { context ->
            MigrunEndpoint.Status status = context.getBean(MigrunEndpoint).status()
            assert status.currentVersion() == '1'
            assert status.pendingCount() == 1
            assert status.database() == 'the configured data source'
            assert status.migrations().collect { [it.version(), it.script(), it.state(), it.checksum()] } ==
                    [['1', 'V1__create_greeting.sql', 'succeeded', 'ok'], ['2', 'V2__broken.sql', 'failed', null]]
            assert status.migrations()[1].error().startsWith('V2__broken.sql:1: ERROR: relation "nowhere" does not exist')
            assert status.migrations()[0].appliedAt() != null
        }
    }

    def "the endpoint and the health indicator are there #when"() {
        expect:
        contextRunner(runner(properties as String[])).run { context ->
            assert context.startupFailure == null
            assert context.getBeanNamesForType(MigrunEndpoint).toList() == endpoint
            assert context.getBeanNamesForType(MigrunHealthIndicator).toList() == health
        }

        where:
        when                                            | properties                                 | contextRunner                                                     | endpoint          | health
        'with Actuator and the endpoint exposed'        | []                                         | { it }                                                            | ['migrunEndpoint'] | ['migrunHealthIndicator']
        'but the endpoint not when it is not exposed'   | ['management.endpoints.web.exposure.include=health'] | { it }                                                  | []                | ['migrunHealthIndicator']
        'but the health not when it is turned off'      | ['management.health.migrun.enabled=false'] | { it }                                                            | ['migrunEndpoint'] | []
        'neither without Actuator on the class path'    | []                                         | { it.withClassLoader(new FilteredClassLoader(Endpoint)) }          | []                | []
    }
}
