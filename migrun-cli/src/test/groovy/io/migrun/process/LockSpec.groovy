package io.migrun.process

import io.migrun.support.Cli
import io.migrun.support.FreshDatabase
import io.migrun.support.MigrationFolder
import io.migrun.support.TestPostgres
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

import static io.migrun.process.ProcessSpecSupport.lockHeld
import static io.migrun.process.ProcessSpecSupport.waitUntil

class LockSpec extends Specification {

    @TempDir
    Path dir

    FreshDatabase db = TestPostgres.fresh()

    def "a runner that cannot get the lock in time exits 4 naming the holder"() {
        given:
        new MigrationFolder(dir).write('V1__slow.groovy', "up { sql.execute 'SELECT pg_sleep(8)' }\n")
        def holder = Cli.start(dir, db.env(), 'up')
        waitUntil(db, lockHeld(db), 60, holder)

        when:
        def waiter = Cli.run(dir, db.env(), 'up', '--lock-timeout', '1s')

        then:
        waiter.exitCode == 4
        waiter.err ==~ /(?s)ERROR: Timed out after 1 s waiting for the migration lock on public\._migrationlog\. It is held by "migrun pid=${holder.pid()} host=[^"]+" \(database session pid \d+, connected from 127\.0\.0\.1\) since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\.\nWait for that run to finish or stop it \(a killed runner releases the lock at once\), or wait longer with --lock-timeout\.\n/
        waiter.out == ''

        when:
        def held = Cli.finish(holder)

        then:
        held.exitCode == 0
        db.value("SELECT count(*) FROM _migrationLog") == 1
    }

    def "a non-transactional CREATE INDEX CONCURRENTLY finishes while another runner waits for the lock"() {
        given:
        new MigrationFolder(dir)
                .write('V1__messages.sql', 'CREATE TABLE messages (id int, thread_id int); INSERT INTO messages SELECT g, g % 10 FROM generate_series(1, 1000) g;')
                .write('V2__index.groovy', '''\
                    transaction false
                    up {
                        sql.execute 'SELECT pg_sleep(2)'
                        sql.execute 'CREATE INDEX CONCURRENTLY idx_messages_thread ON messages (thread_id)'
                    }
                    ''')

        when:
        def first = Cli.start(dir, db.env(), 'up')
        waitUntil(db, "SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = '${db.name}' AND query LIKE 'SELECT pg_sleep(2)%'", 60, first)
        def second = Cli.start(dir, db.env(), 'up', '--lock-timeout', '120s')
        def firstResult = Cli.finish(first, 120)
        def secondResult = Cli.finish(second, 120)

        then:
        firstResult.exitCode == 0
        firstResult.out.contains('Applied V2 index (')
        secondResult.exitCode == 0
        secondResult.out == 'Database is up to date at version 2; nothing to apply.\n'
        db.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'idx_messages_thread'::regclass") == true
    }
}
