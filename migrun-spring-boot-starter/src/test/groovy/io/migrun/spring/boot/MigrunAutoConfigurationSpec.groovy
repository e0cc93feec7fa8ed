package io.migrun.spring.boot

import io.migrun.MigrationFailedException
import io.migrun.Migrun
import io.migrun.config.LockGuard
import org.springframework.boot.autoconfigure.AutoConfigurations
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration
import org.springframework.boot.test.context.runner.ApplicationContextRunner
import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Configuration
import spock.lang.Specification

import javax.sql.DataSource
import java.nio.file.Path
import java.time.Duration

import static io.migrun.spring.boot.SpringPostgres.appTables
import static io.migrun.spring.boot.SpringPostgres.freshUrl
import static io.migrun.spring.boot.SpringPostgres.migrations
import static io.migrun.spring.boot.SpringPostgres.tables
import static io.migrun.spring.boot.SpringPostgres.withSql

class MigrunAutoConfigurationSpec extends Specification {

    static final Map<String, String> GREETING = [
            'V1__create_greeting.sql': 'CREATE TABLE greeting (id bigint PRIMARY KEY, text text NOT NULL);',
            'V2__first_greeting.sql' : "INSERT INTO greeting (id, text) VALUES (1, 'hello');"]

    String url = freshUrl()
    Path folder = migrations(GREETING)

    ApplicationContextRunner runner(String... properties) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration, MigrunAutoConfiguration))
                .withPropertyValues("spring.datasource.url=${url}", 'spring.datasource.username=postgres',
                        "migrun.locations=${folder}")
                .withPropertyValues(properties)
    }

    def "with a DataSource the context migrates at start-up and holds the Migrun it used"() {
        expect:
        runner().run { context ->
            assert context.startupFailure == null
            Migrun migrun = context.getBean(Migrun)
            assert migrun.status().currentVersion() == '2'
            assert migrun.config().migrations() == folder
        }
        tables(url) == ['_migrationcheckpoints', '_migrationcontrol', '_migrationerrors', '_migrationlog', 'greeting']
    }

    def "without lock guard properties the Migrun keeps migrun's default guard"() {
        expect:
        runner().run { context ->
            assert context.getBean(Migrun).config().lockGuard() == LockGuard.DEFAULT
        }
    }

    def "nothing of migrun is configured #when"() {
        given:
        def contextRunner = dataSource ? runner(properties as String[]) :
                new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigrunAutoConfiguration))

        expect:
        contextRunner.run { context ->
            assert context.startupFailure == null
            assert context.getBeanNamesForType(Migrun).toList() == []
            assert context.getBeanNamesForType(MigrunInitializer).toList() == []
        }

        tables(url) == []

        where:
        when                        | dataSource | properties
        'without a DataSource'      | false      | []
        'with migrun.enabled=false' | true       | ['migrun.enabled=false']
    }

    def "a Migrun of the application's own replaces the starter's"() {
        given:
        Path own = migrations(['V1__own.sql': 'CREATE TABLE own (id int);'])

        expect:
        runner().withUserConfiguration(OwnMigrun).withBean('ownFolder', Path, { own }).run { context ->
            assert context.startupFailure == null
            assert context.getBean(Migrun).config().migrations() == own
        }
        appTables(url) == ['own']
    }

    def "the migrun.* properties reach the Migrun"() {
        expect:
        runner('migrun.target=1', 'migrun.out-of-order=true', 'migrun.table=app_log', 'migrun.schema=public',
                'migrun.lock-timeout=5s', 'migrun.ddl-lock-timeout=750ms', 'migrun.lock-retries=2', 'migrun.lock-retry-time=30s').run { context ->
            assert context.startupFailure == null
            def config = context.getBean(Migrun).config()
            assert config.target().toString() == '1'
            assert config.outOfOrder()
            assert config.table() == 'app_log'
            assert config.schema() == 'public'
            assert config.lockTimeout() == Duration.ofSeconds(5)
            assert config.lockGuard() == new LockGuard(Duration.ofMillis(750), 2, Duration.ofSeconds(30))
        }
        tables(url) == ['app_checkpoints', 'app_control', 'app_errors', 'app_log', 'greeting']
        withSql(url) { it.firstRow('SELECT count(*) AS n FROM greeting').n } == 0
    }

    def "migrun.mode=none leaves the database as it is"() {
        expect:
        runner('migrun.mode=none').run { context ->
            assert context.startupFailure == null
            assert context.getBean(Migrun).status().pendingCount() == 2
        }
        tables(url) == []
    }

    def "migrun.mode=validate refuses to start while migrations are pending, and starts once they are applied"() {
        when:
        Throwable failure = null
        runner('migrun.mode=validate').run { context -> failure = context.startupFailure }

        then:
        MigrunStartupException e = rootStartupFailure(failure)
        e.message == 'migrun.mode=validate found 2 pending migration(s) (V1__create_greeting.sql, V2__first_greeting.sql), ' +
                'expected none: apply them first (migrun up, or migrun.mode=migrate)'
        e.exitCode == 3
        tables(url) == []

        when:
        runner().run { assert it.startupFailure == null }

        then:
        runner('migrun.mode=validate').run { assert it.startupFailure == null }
    }

    def "a migration that fails stops the start-up with migrun's message and exit code 1"() {
        given:
        folder.resolve('V3__broken.sql').text = 'INSERT INTO missing_table VALUES (1);'

        when:
        Throwable failure = null
        runner().run { context -> failure = context.startupFailure }

        then:
        MigrunStartupException e = rootStartupFailure(failure)
        e.cause instanceof MigrationFailedException
        e.message == e.cause.message
        e.message == '''\
            Migration V3 (V3__broken.sql) failed:
              V3__broken.sql:1: ERROR: relation "missing_table" does not exist
                Position: 13
                Statement: INSERT INTO missing_table VALUES (1)
            Its transaction was rolled back, so nothing of it was applied. Fix the script and run migrun up again.'''.stripIndent()
        e.exitCode == 1
        appTables(url) == ['greeting']
    }

    def "settings migrun refuses stop the start-up with exit code 2: #setting"() {
        when:
        Throwable failure = null
        runner(setting).run { context -> failure = context.startupFailure }

        then:
        MigrunStartupException e = rootStartupFailure(failure)
        e.message == message
        e.exitCode == 2
        tables(url) == []

        where:
        setting                                      | message
        'migrun.target=next'                         | "Invalid migrun.target: 'next' is not a version: expected digits separated by dots, such as 7, 1.2 or 20261121093000."
        'migrun.locations='                          | 'migrun.locations is empty; expected the migrations folder: a file-system path such as migrations, or classpath:db/migrations'
        'migrun.locations=classpath:no/such/folder'  | 'migrun.locations=classpath:no/such/folder is not on the class path; expected a folder of migrations there, or set migrun.locations to a file-system path'
        'migrun.lock-retries=-1'                     | 'Invalid migrun.* lock guard properties: migrun.lock-retries must be zero or more, such as 5, not -1.'
        'migrun.locations=no/such/folder'            | 'The migrations folder no/such/folder (migrun.locations) does not exist. Create it, or set migrun.locations to the folder that holds your scripts: a file-system path, or classpath:db/migrations for one on the class path.'
    }

    static MigrunStartupException rootStartupFailure(Throwable failure) {
        Throwable t = failure
        while (t != null && !(t instanceof MigrunStartupException)) {
            t = t.cause
        }
        assert t != null: "expected a MigrunStartupException in ${failure}"
        (MigrunStartupException) t
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMigrun {
        @Bean(destroyMethod = 'close')
        Migrun migrun(DataSource dataSource, Path ownFolder) {
            Migrun.configure().dataSource(dataSource).migrations(ownFolder).load()
        }
    }
}
