package io.migrun.batch

import io.migrun.support.DatabaseSpecification

class BatchSpec extends DatabaseSpecification {

    def messages(int n) {
        folder.write('V1__messages.sql', """\
            CREATE TABLE messages (id bigserial PRIMARY KEY, body text NOT NULL, thinking text, parts jsonb);
            INSERT INTO messages (body, thinking) SELECT 'body ' || g, CASE WHEN g % 2 = 0 THEN 'thought ' || g END FROM generate_series(1, ${n}) g;
            """)
    }

    def "backfill writes the columns the block returns, a batch at a time, with a checkpoint per batch"() {
        given:
        messages(2500)
        folder.write('V2__body_to_parts.groovy', '''\
            up {
                backfill('messages', where: 'parts IS NULL', batchSize: 1000) { m ->
                    def parts = [[type: 'text', text: m.body]]
                    if (m.thinking) parts << [type: 'reasoning', text: m.thinking]
                    [parts: parts]
                }
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        r.out.contains('  [V2] backfill messages: done, 2,500 rows')
        db.value("SELECT count(*) FROM messages WHERE parts IS NULL") == 0
        db.value("SELECT parts::text FROM messages WHERE id = 2") == '[{"text": "body 2", "type": "text"}, {"text": "thought 2", "type": "reasoning"}]'
        db.rows("SELECT step, kind, state, processed, failed, batches, cursor::text AS cursor FROM _migrationcheckpoints") ==
                [[step: 'backfill messages', kind: 'batches', state: 'done', processed: 2500L, failed: 0L, batches: 3L,
                  cursor: '{"types": ["int8"], "values": ["2500"], "columns": ["id"]}']]
        db.value("SELECT state FROM _migrationLog WHERE version = '2'") == 'succeeded'
    }

    def "backfill rows may change different columns, in any order and letter case, or nothing"() {
        given:
        messages(9)
        folder.write('V2__mixed.groovy', '''\
            up {
                backfill('messages', batchSize: 9) { m ->
                    String b = "b${m.id}", t = "t${m.id}"
                    switch (m.id as int) {
                        case 1..2: return [body: b, thinking: t]
                        case 3..4: return [Body: b.toUpperCase()]
                        case 5: return null
                        case 6..7: return [thinking: t, body: b]
                        case 8: return [BODY: b.toUpperCase()]
                        default: return [:]
                    }
                }
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.rows("SELECT id, body, thinking FROM messages ORDER BY id").collect { [it.id, it.body, it.thinking] } == [
                [1L, 'b1', 't1'], [2L, 'b2', 't2'], [3L, 'B3', null], [4L, 'B4', 'thought 4'], [5L, 'body 5', null],
                [6L, 'b6', 't6'], [7L, 'b7', 't7'], [8L, 'B8', 'thought 8'], [9L, 'body 9', null]]
    }

    def "steps run once: a resumed migration skips the steps it finished and resumes its walk"() {
        given:
        messages(300)
        folder.write('V2__steps.groovy', '''\
            up {
                step('add column') {
                    sql.execute 'ALTER TABLE messages ADD COLUMN seen int NOT NULL DEFAULT 0'
                }
                eachBatch('messages', batchSize: 100) { rows ->
                    sql.execute 'UPDATE messages SET seen = seen + 1 WHERE id = ANY(?::bigint[])', [rows*.id.join(',').with { "{${it}}".toString() }]
                    if (rows[-1].id == 200 && sql.firstRow("SELECT count(*) AS n FROM pg_tables WHERE tablename = 'let_it_pass'").n == 0) {
                        throw new IllegalStateException('second batch fails until let_it_pass exists')
                    }
                }
            }
            ''')

        when:
        def first = migrun('up')

        then:
        first.exitCode == 1
        first.err.contains('V2__steps.groovy:8: java.lang.IllegalStateException: second batch fails until let_it_pass exists (eachBatch messages, batch after id=100)')
        first.err.contains('The failing batch or step was rolled back; the steps and batches committed before it stay, and the next migrun up resumes after them.')
        db.rows('SELECT seen, count(*) AS n FROM messages GROUP BY seen ORDER BY seen') == [[seen: 0, n: 200L], [seen: 1, n: 100L]]

        when:
        db.sql { it.execute 'CREATE TABLE let_it_pass ()' }
        def second = migrun('up')

        then:
        second.exitCode == 0
        second.out.contains("[V2] step 'add column' was done on an earlier run; skipped")
        second.out.contains("[V2] 'eachBatch messages' resumes after id=100 (100 rows done)")
        db.rows('SELECT seen, count(*) AS n FROM messages GROUP BY seen') == [[seen: 1, n: 300L]]
    }

    def "a walk over a query with a composite key of text and timestamp visits every row once, in key order"() {
        given:
        folder.write('V1__events.sql', '''\
            CREATE TABLE events (tenant text, at timestamptz, payload text, PRIMARY KEY (tenant, at));
            INSERT INTO events SELECT 't' || (g % 7), timestamptz '2026-01-01 00:00:00.123456+00' + g * interval '1 second', 'p' || g FROM generate_series(1, 1000) g;
            CREATE TABLE seen (tenant text, at timestamptz, batch int);
            ''')
              .write('V2__walk.groovy', '''\
            up {
                int batch = 0
                eachBatch("SELECT tenant, at FROM events WHERE payload <> 'skip'", key: ['tenant', 'at'], batchSize: 64) { rows ->
                    batch++
                    rows.each { sql.execute 'INSERT INTO seen VALUES (?, ?, ?)', [it.tenant, it.at, batch] }
                }
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.value('SELECT count(*) FROM seen') == 1000
        db.value('SELECT count(DISTINCT (tenant, at)) FROM seen') == 1000
        db.value('SELECT max(batch) FROM seen') == 16
        db.value('''SELECT bool_and(ok) FROM (SELECT (tenant, at) >= lag((tenant, at)) OVER (ORDER BY batch, tenant, at) IS NOT FALSE AS ok FROM seen) s''') == true
    }

    def "a walk by a uuid key resumes exactly where it stopped"() {
        given:
        folder.write('V1__tokens.sql', '''\
            CREATE TABLE tokens (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), n int NOT NULL DEFAULT 0);
            INSERT INTO tokens (n) SELECT 0 FROM generate_series(1, 500);
            ''')
              .write('V2__touch.groovy', '''\
            up {
                backfill('tokens', batchSize: 50) { t -> [n: t.n + 1] }
            }
            ''')

        when:
        def partial = migrun('up', '--max-batches', '3')

        then:
        partial.exitCode == 0
        partial.out.contains('V2 stopped at id=')
        partial.out.contains(' after 3 batches (--max-batches); run migrun up to go on.')
        db.value('SELECT count(*) FROM tokens WHERE n = 1') == 150

        when:
        def rest = migrun('up')

        then:
        rest.exitCode == 0
        db.rows('SELECT n, count(*) AS c FROM tokens GROUP BY n') == [[n: 1, c: 500L]]
    }

    def "a key that is #problem is refused before the first batch"() {
        given:
        folder.write('V1__t.sql', 'CREATE TABLE t (id int, doc json, code text); INSERT INTO t SELECT g, \'{}\', \'c\' FROM generate_series(1, 10) g;')
              .write('V2__walk.groovy', "up { eachBatch('t', key: '${key}') { rows -> sql.execute 'UPDATE t SET code = NULL' } }\n")

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err.contains(message)
        db.value('SELECT count(*) FROM t WHERE code IS NULL') == 0

        where:
        problem          | key     | message
        'not unique'     | 'code'  | "The key [code] of t is not known to be unique: no primary key or unique index covers exactly [code]. A keyset walk over a non-unique key would skip rows. Use the primary key, or add a unique index."
        'not orderable'  | 'doc'   | "The key [doc] of t cannot be ordered: ERROR: could not identify an ordering operator for type json. Walk by a unique key of an orderable type (integer, text, uuid, timestamp)."
        'not a column'   | 'nope'  | 'The key [nope] is not a column of t: ERROR: column "nope" does not exist. Name the key with key: \'column\'.'
    }

    def "a query whose key turns out not unique is refused instead of skipping rows"() {
        given:
        folder.write('V1__t.sql', 'CREATE TABLE t (id int); INSERT INTO t SELECT g / 2 FROM generate_series(1, 20) g;')
              .write('V2__walk.groovy', "up { eachBatch('SELECT id FROM t', batchSize: 3) { rows -> } }\n")

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err.contains("The key [id] is not unique in the query: more than one row has id=1. A keyset walk over a non-unique key would skip rows; add columns to key: until it is unique.")
    }

    def "rows inserted above the cursor during the walk are processed, and rows deleted ahead are not an error"() {
        given:
        folder.write('V1__t.sql', 'CREATE TABLE t (id int PRIMARY KEY, done bool NOT NULL DEFAULT false); INSERT INTO t (id) SELECT g FROM generate_series(1, 100) g;')
              .write('V2__walk.groovy', '''\
            up {
                eachBatch('t', batchSize: 10) { rows ->
                    if (rows[0].id == 1) {
                        sql.execute 'INSERT INTO t (id) SELECT g FROM generate_series(101, 105) g'
                        sql.execute 'DELETE FROM t WHERE id BETWEEN 50 AND 59'
                    }
                    rows.each { sql.execute 'UPDATE t SET done = true WHERE id = ?', [it.id] }
                }
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.value('SELECT count(*) FROM t') == 95
        db.value('SELECT count(*) FROM t WHERE NOT done') == 0
        db.value("SELECT processed FROM _migrationcheckpoints") == 95
    }

    def "pages are read on a connection of their own that follows the search_path the script set"() {
        given:
        folder.write('V1__app.sql', 'CREATE SCHEMA app; CREATE TABLE app.things (id int PRIMARY KEY, label text); INSERT INTO app.things SELECT g, NULL FROM generate_series(1, 25) g;')
              .write('V2__label.groovy', '''\
            up {
                sql.execute 'SET search_path TO app'
                backfill('things', batchSize: 10) { t -> [label: "thing ${t.id}"] }
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.value("SELECT count(*) FROM app.things WHERE label = 'thing ' || id") == 25
    }

    def "a body that changes rows ahead of the cursor sees its changes with prefetch: #prefetch"() {
        given:
        folder.write('V1__t.sql', 'CREATE TABLE t (id int PRIMARY KEY); CREATE TABLE seen (id int); INSERT INTO t SELECT g FROM generate_series(1, 40) g;')
              .write('V2__walk.groovy', """\
            up {
                eachBatch('t', batchSize: 10, prefetch: ${prefetch}) { rows ->
                    if (rows[0].id == 1) {
                        // with prefetch, waits until the read-ahead of the next page (the walk's first read after a key) has finished
                        long deadline = System.nanoTime() + 60_000_000_000L
                        while (${prefetch}) {
                            sql.execute 'SELECT pg_stat_clear_snapshot()'
                            if (sql.firstRow("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = current_setting('application_name') " +
                                    "AND pid <> pg_backend_pid() AND state = 'idle' AND query LIKE 'SELECT * FROM % WHERE (%) > (%'").n > 0) {
                                break
                            }
                            assert System.nanoTime() < deadline: 'the read-ahead of the second page did not finish'
                            Thread.sleep(20)
                        }
                        sql.execute 'DELETE FROM t WHERE id BETWEEN 11 AND 20'
                    }
                    rows.each { sql.execute 'INSERT INTO seen VALUES (?)', [it.id] }
                }
            }
            """)

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.value('SELECT count(*) FROM seen WHERE id BETWEEN 11 AND 20') == handedOver

        where:
        prefetch | handedOver
        false    | 0
        true     | 10
    }

    def "code that writes before the first step is refused, because it would run again on every resume"() {
        given:
        messages(10)
        folder.write('V2__early.groovy', '''\
            up {
                sql.execute "UPDATE messages SET body = 'changed'"
                step('later') { }
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err.contains("V2__early.groovy:3: code before the first step or batch changed the database; it would run again on every resume. Put it inside a step('…') { } so it runs once and is recorded")
        db.value("SELECT count(*) FROM messages WHERE body = 'changed'") == 0
    }

    def "with onError 'skip' a failing row is left unchanged and recorded, and migrun errors lists it"() {
        given:
        messages(30)
        folder.write('V2__fragile.groovy', '''\
            up {
                backfill('messages', batchSize: 10, onError: 'skip') { m ->
                    if (m.id % 10 == 7) throw new IllegalArgumentException("cannot convert message ${m.id}")
                    [parts: [[type: 'text', text: m.body]]]
                }
            }
            ''')

        when:
        def r = migrun('up')
        def errors = migrun('errors', '2')

        then:
        r.exitCode == 0
        r.out.contains('backfill messages: done, 27 rows, 3 failed')
        db.value('SELECT count(*) FROM messages WHERE parts IS NULL') == 3
        db.rows("SELECT row_key::text AS k, error FROM _migrationerrors ORDER BY id") == [7, 17, 27].collect {
            [k: "{\"id\": \"${it}\"}".toString(), error: "V2__fragile.groovy:3: java.lang.IllegalArgumentException: cannot convert message ${it}".toString()]
        }
        errors.exitCode == 0
        errors.out.readLines()[0] ==~ /When \(UTC\) +Step +Row +Error/
        errors.out.readLines()[1] ==~ /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +backfill messages +\{"id": "7"\} +V2__fragile\.groovy:3: java\.lang\.IllegalArgumentException: cannot convert message 7/
        errors.out.readLines()[4] == '3 failed rows in V2.'
    }

    def "up --retry-errors drives again only the rows that failed, until they go through"() {
        given:
        messages(30)
        folder.write('V2__fragile.groovy', '''\
            up {
                step('blocklist') { sql.execute 'CREATE TABLE blocked AS SELECT unnest(ARRAY[7, 17, 27]::bigint[]) AS id' }
                backfill('messages', batchSize: 10, onError: 'skip') { m ->
                    if (sql.firstRow('SELECT 1 AS x FROM blocked WHERE id = ?', [m.id])) throw new IllegalStateException("blocked ${m.id}")
                    [parts: [[type: 'text', text: m.body]]]
                }
            }
            ''')
        assert migrun('up').exitCode == 0

        when:
        db.sql { it.execute 'DELETE FROM blocked WHERE id IN (7, 27)' }
        def first = migrun('up', '--retry-errors', '2')

        then:
        first.exitCode == 1
        first.out.endsWith('Retried 3 failed rows of V2: 2 went through, 1 failed again (see migrun errors 2).\n')
        db.rows('SELECT id FROM messages WHERE parts IS NULL')*.id == [17L]
        migrun('errors', '2').out.contains('V2__fragile.groovy:4: java.lang.IllegalStateException: blocked 17')

        when:
        db.sql { it.execute 'DELETE FROM blocked' }
        def second = migrun('up', '--retry-errors', '2')
        def none = migrun('up', '--retry-errors', '2')

        then:
        second.exitCode == 0
        second.out.endsWith('Retried 1 failed row of V2: 1 went through, 0 failed again.\n')
        db.value('SELECT count(*) FROM messages WHERE parts IS NULL') == 0
        migrun('errors', '2').out == 'V2 has no failed rows.\n'
        none.exitCode == 2
        none.err == 'ERROR: V2 has no failed rows to retry.\n'
        db.rows("SELECT kind, state FROM _migrationLog WHERE version = '2' ORDER BY id") ==
                [[kind: 'versioned', state: 'succeeded'], [kind: 'retry-errors', state: 'succeeded'], [kind: 'retry-errors', state: 'succeeded']]
    }

    def "a serialization failure or deadlock retries the batch, and each row is still done once"() {
        given:
        folder.write('V1__t.sql', '''\
            CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL DEFAULT 0);
            INSERT INTO t (id) SELECT g FROM generate_series(1, 30) g;
            CREATE SEQUENCE attempts;
            ''')
              .write('V2__flaky.groovy', """\
            up {
                eachBatch('t', batchSize: 10) { rows ->
                    sql.execute 'UPDATE t SET n = n + 1 WHERE id = ANY(?)', [rows*.id as Integer[]]
                    if (rows[0].id == 11 && sql.firstRow("SELECT nextval('attempts') AS a").a <= ${failures}) {
                        sql.execute '''DO \$\$ BEGIN RAISE EXCEPTION 'provoked' USING ERRCODE = '${state}'; END \$\$'''
                    }
                }
            }
            """)

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        r.out.contains("[V2 warn] eachBatch t: ${described}; retrying the batch (attempt 2 of 5)")
        r.out.contains("[V2 warn] eachBatch t: ${described}; retrying the batch (attempt 3 of 5)")
        db.rows('SELECT n, count(*) AS c FROM t GROUP BY n') == [[n: 1, c: 30L]]

        where:
        state   | described               | failures
        '40001' | 'serialization failure' | 2
        '40P01' | 'deadlock detected'     | 2
    }

    def "a lost connection is re-opened while the lock holds, and the batch is retried with each row still done once"() {
        given:
        folder.write('V1__t.sql', '''\
            CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL DEFAULT 0);
            INSERT INTO t (id) SELECT g FROM generate_series(1, 30) g;
            CREATE SEQUENCE kills;
            ''')
              .write('V2__dropped.groovy', '''\
            up {
                eachBatch('t', batchSize: 10) { rows ->
                    sql.execute 'UPDATE t SET n = n + 1 WHERE id = ANY(?)', [rows*.id as Integer[]]
                    if (rows[0].id == 11 && sql.firstRow("SELECT nextval('kills') AS k").k == 1) {
                        sql.execute 'SELECT pg_terminate_backend(pg_backend_pid())'
                    }
                }
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        r.out.contains('[V2 warn] eachBatch t: lost the database connection (FATAL: terminating connection due to administrator command); reconnecting')
        db.rows('SELECT n, count(*) AS c FROM t GROUP BY n') == [[n: 1, c: 30L]]
        db.value("SELECT state FROM _migrationLog WHERE version = '2'") == 'succeeded'
        db.value("SELECT processed FROM _migrationcheckpoints") == 30
    }

    def "a transient failure that keeps coming back fails the migration after five attempts"() {
        given:
        folder.write('V1__t.sql', 'CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL DEFAULT 0); INSERT INTO t (id) SELECT g FROM generate_series(1, 5) g;')
              .write('V2__always.groovy', '''\
            up {
                eachBatch('t') { rows ->
                    sql.execute "DO \\$\\$ BEGIN RAISE EXCEPTION 'provoked' USING ERRCODE = '40001'; END \\$\\$"
                }
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.out.contains('[V2 warn] eachBatch t: serialization failure; retrying the batch (attempt 5 of 5)')
        r.err.contains('ERROR: provoked')
        db.value('SELECT sum(n) FROM t') == 0
    }

    def "with onError 'fail' the batch rolls back and the error names the row and the script line"() {
        given:
        messages(30)
        folder.write('V2__fragile.groovy', '''\
            up {
                backfill('messages', batchSize: 10) { m ->
                    if (m.id == 17) throw new IllegalArgumentException('cannot convert')
                    [parts: []]
                }
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err.contains('V2__fragile.groovy:3: java.lang.IllegalArgumentException: cannot convert (backfill messages, row id=17)')
        db.value('SELECT count(*) FROM messages WHERE parts IS NOT NULL') == 10
        db.value("SELECT error FROM _migrationLog WHERE version = '2'") == 'V2__fragile.groovy:3: java.lang.IllegalArgumentException: cannot convert (backfill messages, row id=17)'
    }

    def "paginate hands a script one page and the cursor for the next"() {
        given:
        folder.write('V1__t.sql', 'CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t SELECT g, \'v\' || g FROM generate_series(1, 25) g;')
              .write('V2__pages.groovy', '''\
            up {
                def cursor = null
                def sizes = []
                while (true) {
                    def page = paginate('SELECT id, v FROM t', key: 'id', cursor: cursor, size: 10)
                    sizes << page.rows.size()
                    cursor = page.cursor
                    if (page.done) break
                }
                [sizes: sizes, last: cursor]
            }
            ''')

        when:
        migrun('up')

        then:
        db.value("SELECT result::text FROM _migrationLog WHERE version = '2'") == '{"last": "25", "sizes": [10, 10, 5]}'
    }

    def "a throttle condition holds the walk while it is true"() {
        given:
        folder.write('V1__t.sql', 'CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL DEFAULT 0); INSERT INTO t (id) SELECT g FROM generate_series(1, 20) g;')
              .write('V2__throttled.groovy', '''\
            up {
                int asked = 0
                backfill('t', batchSize: 10, throttle: { ++asked == 1 }) { r -> [n: 1] }
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        r.out.contains('[V2] throttled at the start; waiting while the throttle condition holds')
        db.value('SELECT sum(n) FROM t') == 20
    }

    def "an unknown option is named with the known ones"() {
        given:
        messages(1)
        folder.write('V2__typo.groovy', "up { backfill('messages', batchsize: 10) { m -> [:] } }\n")

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err.contains('V2__typo.groovy:1: backfill has no option batchsize; its options are batchSize, key, maxRowsPerSecond, name, onError, prefetch, sleep, throttle, total, where')
    }
}
