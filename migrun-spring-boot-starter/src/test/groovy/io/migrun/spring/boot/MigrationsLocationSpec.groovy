package io.migrun.spring.boot

import io.migrun.Migrun
import org.springframework.boot.autoconfigure.AutoConfigurations
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration
import org.springframework.boot.test.context.runner.ApplicationContextRunner
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream

import static io.migrun.spring.boot.SpringPostgres.appTables
import static io.migrun.spring.boot.SpringPostgres.freshUrl

/** {@code migrun.locations=classpath:...}: a directory of the class path, or a folder inside a jar. */
class MigrationsLocationSpec extends Specification {

    String url = freshUrl()

    ApplicationContextRunner runner(String location) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration, MigrunAutoConfiguration))
                .withPropertyValues("spring.datasource.url=${url}", 'spring.datasource.username=postgres', "migrun.locations=${location}")
    }

    def "a classpath: folder that is a directory is read where it is"() {
        expect:
        runner('classpath:db/migrations').run { context ->
            assert context.startupFailure == null
            Path folder = context.getBean(Migrun).config().migrations()
            assert folder == Path.of(getClass().getResource('/db/migrations').toURI())
        }
        appTables(url) == ['greeting']
    }

    def "a classpath: folder inside a jar is copied into a temporary folder and applied from there"() {
        given:
        Path jar = jar(['packed/': null, 'packed/migrations/': null,
                        'packed/migrations/V1__create_greeting.sql': 'CREATE TABLE greeting (id bigint PRIMARY KEY, text text NOT NULL);',
                        'packed/migrations/V2__greet.sql'          : "INSERT INTO greeting VALUES (1, 'from a jar');"])
        def loader = new URLClassLoader([jar.toUri().toURL()] as URL[], getClass().classLoader)

        expect:
        runner('classpath:packed/migrations').withClassLoader(loader).run { context ->
            assert context.startupFailure == null
            Path folder = context.getBean(Migrun).config().migrations()
            assert folder.fileName.toString().startsWith('migrun-migrations-')
            assert Files.list(folder).collect { it.fileName.toString() }.sort() == ['V1__create_greeting.sql', 'V2__greet.sql']
            assert context.getBean(Migrun).status().currentVersion() == '2'
        }
        appTables(url) == ['greeting']

        cleanup:
        loader?.close()
    }

    def "a classpath: folder inside a jar that holds no files stops the start-up with exit code 2"() {
        given:
        Path jar = jar(['empty/': null])
        def loader = new URLClassLoader([jar.toUri().toURL()] as URL[], getClass().classLoader)

        when:
        Throwable failure = null
        runner('classpath:empty').withClassLoader(loader).run { context -> failure = context.startupFailure }

        then:
        MigrunStartupException e = MigrunAutoConfigurationSpec.rootStartupFailure(failure)
        e.message == "migrun.locations=classpath:empty (jar:${jar.toFile().toURI()}!/empty/) holds no files; expected the migration scripts there"
        e.exitCode == 2

        cleanup:
        loader?.close()
    }

    /** A jar with these entries (name to text; a name ending in / is a folder, as jar tools write them). */
    static Path jar(Map<String, String> entries) {
        Path jar = Files.createTempFile('migrun-spring-migrations', '.jar')
        new JarOutputStream(Files.newOutputStream(jar)).withCloseable { out ->
            entries.each { name, text ->
                out.putNextEntry(new JarEntry(name))
                if (text != null) {
                    out.write(text.getBytes('UTF-8'))
                }
                out.closeEntry()
            }
        }
        jar
    }
}
