package io.migrun.batch

import io.migrun.support.DatabaseSpecification

class WriteBehindSpec extends DatabaseSpecification {

    def table(int rows) {
        folder.write('V1__t.sql', """\
            CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL DEFAULT '');
            INSERT INTO t (id) SELECT g FROM generate_series(1, ${rows}) g;
            CREATE SEQUENCE writes;
            """)
    }

    /** V2: a statement trigger on t that does {@code action} when the nth write to t arrives. */
    def onWrite(int nth, String action, String more = '') {
        folder.write('V2__on_write.sql', """\
            ${more}
            CREATE FUNCTION on_write() RETURNS trigger LANGUAGE plpgsql AS \$\$
            BEGIN
                IF nextval('writes') = ${nth} THEN ${action}; END IF;
                RETURN NULL;
            END \$\$;
            CREATE TRIGGER on_write AFTER UPDATE ON t FOR EACH STATEMENT EXECUTE FUNCTION on_write();
            """)
    }

    def "with prefetch: #prefetch the block works on the next page while the batch before it #meanwhile"() {
        given: 'the first batch write takes a second, and the block looks at the checkpoint from a connection of its own'
        table(30)
        onWrite(1, 'PERFORM pg_sleep(1)', 'CREATE TABLE seen (first_id int, processed bigint);')
        folder.write('V3__mark.groovy', """\
            up {
                backfill('t', batchSize: 10, prefetch: ${prefetch}) { r ->
                    if (r.id == 11) {
                        java.sql.DriverManager.getConnection('${db.url}?user=postgres').withCloseable { c ->
                            c.createStatement().execute('INSERT INTO seen SELECT 11, processed FROM _migrationcheckpoints')
                        }
                    }
                    [v: r.v + '+']
                }
            }
            """)

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.rows('SELECT first_id, processed FROM seen') == [[first_id: 11, processed: processedThen]]
        db.rows('SELECT v, count(*) AS c FROM t GROUP BY v') == [[v: '+', c: 30L]]
        db.rows('SELECT state, processed, batches FROM _migrationcheckpoints') == [[state: 'done', processed: 30L, batches: 3L]]

        where:
        prefetch | processedThen | meanwhile
        true     | 0L            | 'is still being written'
        false    | 10L           | 'has committed, not before'
    }

    def "sql in the block waits for the batch write in flight and runs in its own batch's transaction"() {
        given:
        table(30)
        folder.write('V2__audit.sql', 'CREATE TABLE audit (id int, checkpoint bigint)')
              .write('V3__audited.groovy', '''\
            up {
                backfill('t', batchSize: 10) { r ->
                    if (r.id % 10 == 1) {
                        sql.execute 'INSERT INTO audit SELECT ?, processed FROM _migrationcheckpoints', [r.id]
                    }
                    [v: r.v + '+']
                }
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.rows('SELECT id, checkpoint FROM audit ORDER BY id') == [[id: 1, checkpoint: 0L], [id: 11, checkpoint: 10L], [id: 21, checkpoint: 20L]]
        db.rows('SELECT v, count(*) AS c FROM t GROUP BY v') == [[v: '+', c: 30L]]
    }

    def "a batch write that fails in the background sends the walk back to its checkpoint, and each row is still done once"() {
        given: 'the second batch write fails once with a serialization failure'
        table(30)
        onWrite(2, "RAISE EXCEPTION 'provoked' USING ERRCODE = '40001'")
        folder.write('V3__mark.groovy', '''\
            up {
                backfill('t', batchSize: 10) { r -> [v: r.v + '+'] }
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        r.out.contains('[V3 warn] backfill t: a batch write failed (serialization failure); going back to the last checkpoint')
        db.rows('SELECT v, count(*) AS c FROM t GROUP BY v') == [[v: '+', c: 30L]]
        db.rows('SELECT state, processed, failed, batches FROM _migrationcheckpoints') == [[state: 'done', processed: 30L, failed: 0L, batches: 3L]]
        db.value("SELECT state FROM _migrationLog WHERE version = '3'") == 'succeeded'
    }

    def "a batch write that fails for good fails the migration with the database's error, and the batches before it stay"() {
        given:
        table(30)
        folder.write('V2__short.sql', 'ALTER TABLE t ADD CONSTRAINT short CHECK (length(v) < 3)')
              .write('V3__long.groovy', '''\
            up {
                backfill('t', batchSize: 10) { r -> [v: r.id == 15 ? 'too long' : '+'] }
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.out.contains('[V3 warn] backfill t: a batch write failed (ERROR: new row for relation "t" violates check constraint "short"')
        r.err.contains('backfill \'backfill t\' failed: ERROR: new row for relation "t" violates check constraint "short"')
        db.rows('SELECT v, count(*) AS c FROM t GROUP BY v ORDER BY v') == [[v: '', c: 20L], [v: '+', c: 10L]]
        db.rows('SELECT state, processed, batches FROM _migrationcheckpoints') == [[state: 'running', processed: 10L, batches: 1L]]
    }
}
