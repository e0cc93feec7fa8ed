package io.migrun.support

import groovy.sql.Sql

import java.security.MessageDigest

/**
 * migrun's log table written by SQL, for specs that start from a given log: the table as a release
 * of each log layout created it, and rows of any kind and state. Everything is done as the role
 * migrun connects as, so the tables belong to it as they would after a real run.
 */
class LogTable {

    static final String LOG = '''CREATE TABLE public._migrationlog (id bigserial PRIMARY KEY, version text, description text NOT NULL,
        script text NOT NULL, kind text NOT NULL, checksum text, state text NOT NULL, transactional boolean NOT NULL DEFAULT true,
        args jsonb, result jsonb, error text, started_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz,
        duration_ms bigint, run_by text NOT NULL)'''
    static final String APPLIED_ONCE = "CREATE UNIQUE INDEX _migrationlog_applied_once ON public._migrationlog (version) WHERE kind = 'versioned' AND state = 'succeeded'"
    static final String CHECKPOINTS = '''CREATE TABLE public._migrationcheckpoints (version text NOT NULL, step text NOT NULL,
        key_range text NOT NULL DEFAULT '', kind text NOT NULL, state text NOT NULL, cursor jsonb, processed bigint NOT NULL DEFAULT 0,
        failed bigint NOT NULL DEFAULT 0, batches bigint NOT NULL DEFAULT 0, total bigint, total_estimated boolean NOT NULL DEFAULT false,
        rows_per_second double precision, started_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz, runner text, PRIMARY KEY (version, step, key_range))'''
    static final String ERRORS = '''CREATE TABLE public._migrationerrors (id bigserial PRIMARY KEY, version text NOT NULL, step text NOT NULL,
        row_key jsonb NOT NULL, error text NOT NULL, occurred_at timestamptz NOT NULL DEFAULT now(), resolved_at timestamptz)'''
    static final String CONTROL = '''CREATE TABLE public._migrationcontrol (version text PRIMARY KEY, request text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(), requested_by text NOT NULL)'''

    /** Layout 1 (the first release) had the log alone; layout 2 added checkpoints, row errors and operator requests. */
    static final Map<Integer, List<String>> LAYOUTS = [
            1: [LOG, APPLIED_ONCE, "COMMENT ON TABLE public._migrationlog IS 'migrun log layout 1'"],
            2: [LOG, APPLIED_ONCE, "COMMENT ON TABLE public._migrationlog IS 'migrun log layout 2'", CHECKPOINTS, ERRORS, CONTROL],
    ]

    /** Creates the log as a release of {@code layout} did, in the public schema. */
    static void create(FreshDatabase db, int layout) {
        asApp(db) { Sql sql -> LAYOUTS[layout].each { sql.execute(it) } }
    }

    /**
     * Inserts one log row; {@code row} names the columns to set (jsonb ones as JSON text), the rest
     * take the values of a finished versioned run. Returns its id.
     */
    static long insert(FreshDatabase db, Map<String, Object> row) {
        Map<String, Object> values = [description: 'from the log', script: "V${row.version}__x.sql".toString(), kind: 'versioned', transactional: true,
                                      run_by: 'app on spec-host (pid 4242)', finished_at: row.state == 'running' ? null : 'now'] + row
        String columns = values.keySet().join(', ')
        String params = values.keySet().collect { it in ['args', 'result'] ? '?::jsonb' : it.endsWith('_at') ? '?::timestamptz' : '?' }.join(', ')
        asApp(db) { Sql sql ->
            sql.firstRow("INSERT INTO public._migrationlog (${columns}) VALUES (${params}) RETURNING id".toString(), values.values() as List).id as long
        }
    }

    /** The checksum migrun records for a script of this text (no BOM, line endings as given). */
    static String checksum(String text) {
        'sha256:' + MessageDigest.getInstance('SHA-256').digest(text.getBytes('UTF-8')).encodeHex()
    }

    private static <T> T asApp(FreshDatabase db, Closure<T> work) {
        db.sql { Sql sql ->
            sql.execute('SET ROLE ' + TestPostgres.APP_USER)
            work(sql)
        }
    }
}
