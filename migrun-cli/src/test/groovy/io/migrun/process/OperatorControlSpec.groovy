package io.migrun.process

import io.migrun.internal.json.Json
import io.migrun.support.Cli
import io.migrun.support.CliResult
import io.migrun.support.FreshDatabase
import io.migrun.support.MigrationFolder
import io.migrun.support.TestPostgres
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

import static io.migrun.process.ProcessSpecSupport.waitUntil

class OperatorControlSpec extends Specification {

    @TempDir
    Path dir

    FreshDatabase db = TestPostgres.fresh()

    def setup() {
        new MigrationFolder(dir)
                .write('V1__items.sql', 'CREATE TABLE items (id int PRIMARY KEY, n int NOT NULL DEFAULT 0); INSERT INTO items (id) SELECT g FROM generate_series(1, 20000) g; ANALYZE items;')
                .write('V2__slow_backfill.groovy', "up { backfill('items', batchSize: 500, sleep: '200ms') { r -> [n: r.n + 1] } }\n")
    }

    CliResult migrun(String... args) {
        Cli.run(dir, db.env(), args)
    }

    Process runnerUnderway() {
        Process p = Cli.start(dir, db.env(), 'up')
        waitUntil(db, "SELECT count(*) > 0 FROM pg_tables WHERE tablename = '_migrationcheckpoints'", 60, p)
        waitUntil(db, "SELECT coalesce(max(processed), 0) >= 1000 FROM _migrationcheckpoints", 60, p)
        p
    }

    def "status shows live progress from another process, and pause holds the migration until resume"() {
        given:
        Process runner = runnerUnderway()

        when:
        def status = Json.mapper().readValue(migrun('status', '--json').out, Map)
        def v2 = status.migrations[1]

        then:
        v2.state == 'RUNNING'
        v2.progress[0].step == 'backfill items'
        v2.progress[0].processed >= 1000
        v2.progress[0].total == 20000
        v2.progress[0].totalEstimated == true
        v2.progress[0].cursor ==~ /id=\d+/
        v2.commands == ['migrun pause 2', 'migrun cancel 2']

        when:
        def pause = migrun('pause', '2')
        def stopped = Cli.finish(runner, 60)

        then:
        pause.exitCode == 0
        pause.out == 'V2 will pause at its next checkpoint; migrun resume 2 lifts the pause.\n'
        stopped.exitCode == 0
        stopped.out =~ /V2 paused at id=\d+ as asked by app on .+ \(pid \d+\); run migrun resume 2, then migrun up, to go on\.\n/
        db.value("SELECT state FROM _migrationLog WHERE version = '2'") == 'paused'

        when:
        def held = migrun('up')
        def table = migrun('status')

        then:
        held.exitCode == 0
        held.out =~ /V2 \(V2__slow_backfill\.groovy\) is paused: app on .+ paused it on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\. Run migrun resume 2, then migrun up, to go on\.\n/
        table.out =~ /\n2 +slow backfill +paused .*\n    backfill items: [\d,]+ of ~20,000 rows \(\d+%\).*\n    held: an operator asked to pause it\n    next: migrun resume 2  \|  migrun cancel 2\n/

        when:
        def resume = migrun('resume', '2')
        def done = Cli.finish(Cli.start(dir, db.env(), 'up'), 120)

        then:
        resume.out == 'V2 may go on; run migrun up to resume it.\n'
        done.exitCode == 0
        db.rows('SELECT n, count(*) AS c FROM items GROUP BY n') == [[n: 1, c: 20000L]]
    }

    def "cancel stops the migration at a checkpoint and up refuses it until retry"() {
        given:
        Process runner = runnerUnderway()

        when:
        def cancel = migrun('cancel', '2')
        def stopped = Cli.finish(runner, 60)
        def refused = migrun('up')

        then:
        cancel.exitCode == 0
        stopped.exitCode == 0
        stopped.out =~ /V2 cancelled at id=\d+ as asked by app on .+; what was committed stays\. Run migrun retry 2 to run it again from there\.\n/
        db.value("SELECT state FROM _migrationLog WHERE version = '2'") == 'cancelled'
        refused.exitCode == 1
        refused.err =~ /ERROR: V2 \(V2__slow_backfill\.groovy\) was cancelled on .+; what it committed stays, and migrun will not go on until it is retried:\n  migrun retry 2    to run it again, resuming from its last checkpoint\n/

        when:
        def retry = migrun('retry', '2')
        def done = Cli.finish(Cli.start(dir, db.env(), 'up'), 120)

        then:
        retry.out == 'V2 will run again with the next migrun up, from its last checkpoint.\n'
        done.exitCode == 0
        db.rows('SELECT n, count(*) AS c FROM items GROUP BY n') == [[n: 1, c: 20000L]]
    }

    def "pause and resume name what they cannot do"() {
        when:
        def early = migrun('pause', '2')
        migrun('up', '--max-batches', '1')
        def notPaused = migrun('resume', '2')

        then:
        early.exitCode == 2
        early.err == "ERROR: Nothing has run here yet: there is no log table public._migrationlog.\n"
        notPaused.exitCode == 2
        notPaused.err == 'ERROR: Cannot resume V2: no pause holds it; it stopped at a checkpoint, and the next migrun up resumes it.\n'
    }
}
