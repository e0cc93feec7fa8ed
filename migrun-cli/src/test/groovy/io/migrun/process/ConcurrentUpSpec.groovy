package io.migrun.process

import io.migrun.support.Cli
import io.migrun.support.FreshDatabase
import io.migrun.support.MigrationFolder
import io.migrun.support.TestPostgres
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

class ConcurrentUpSpec extends Specification {

    @TempDir
    Path dir

    FreshDatabase db = TestPostgres.fresh()

    def "six processes running up at once apply each of 20 migrations exactly once"() {
        given:
        def folder = new MigrationFolder(dir).write('V1__markers.sql', 'CREATE TABLE markers (version int NOT NULL, pid int NOT NULL DEFAULT pg_backend_pid());')
        (2..20).each { v ->
            folder.write("V${v}__marker_${v}.groovy", """\
                up {
                    sql.execute 'SELECT pg_sleep(0.05)'
                    sql.execute 'INSERT INTO markers (version) VALUES (${v})'
                }
                """)
        }

        when:
        def processes = (1..6).collect { Cli.start(dir, db.env(), 'up') }
        def results = processes.collect { Cli.finish(it, 180) }

        then:
        results.every { it.exitCode == 0 }
        results.sum { r -> (r.out =~ /Applied (\d+) migrations?, now at version 20/).with { it.find() ? it.group(1) as int : 0 } } == 19 + 1
        results.count { it.out.contains('Database is up to date at version 20') } == 5
        db.rows('SELECT version, count(*) AS n FROM markers GROUP BY version ORDER BY version') == (2..20).collect { [version: it, n: 1L] }
        db.value("SELECT count(*) FROM _migrationLog WHERE state = 'succeeded'") == 20
        db.value("SELECT count(*) FROM _migrationLog WHERE state <> 'succeeded'") == 0
    }
}
