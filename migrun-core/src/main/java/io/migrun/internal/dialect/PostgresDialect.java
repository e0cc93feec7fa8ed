package io.migrun.internal.dialect;

import java.util.List;

/** PostgreSQL 12 and later. */
public final class PostgresDialect implements Dialect {

    @Override
    public List<String> createLogTable(String schema, String table, int layout) {
        String qualified = schema + "." + table;
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + qualified + " ("
                        + "id bigserial PRIMARY KEY, "
                        + "version text, "
                        + "description text NOT NULL, "
                        + "script text NOT NULL, "
                        + "kind text NOT NULL, "
                        + "checksum text, "
                        + "state text NOT NULL, "
                        + "transactional boolean NOT NULL DEFAULT true, "
                        + "args jsonb, "
                        + "result jsonb, "
                        + "error text, "
                        + "started_at timestamptz NOT NULL DEFAULT now(), "
                        + "finished_at timestamptz, "
                        + "duration_ms bigint, "
                        + "run_by text NOT NULL)",
                "CREATE UNIQUE INDEX IF NOT EXISTS " + table + "_applied_once ON " + qualified
                        + " (version) WHERE kind = 'versioned' AND state = 'succeeded'",
                layoutCommentSql(qualified, layout));
    }

    @Override
    public List<String> createProgressTables(String checkpoints, String errors, String control) {
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + checkpoints + " ("
                        + "version text NOT NULL, "
                        + "step text NOT NULL, "
                        + "key_range text NOT NULL DEFAULT '', "
                        + "kind text NOT NULL, "
                        + "state text NOT NULL, "
                        + "cursor jsonb, "
                        + "processed bigint NOT NULL DEFAULT 0, "
                        + "failed bigint NOT NULL DEFAULT 0, "
                        + "batches bigint NOT NULL DEFAULT 0, "
                        + "total bigint, "
                        + "total_estimated boolean NOT NULL DEFAULT false, "
                        + "rows_per_second double precision, "
                        + "started_at timestamptz NOT NULL DEFAULT now(), "
                        + "updated_at timestamptz NOT NULL DEFAULT now(), "
                        + "finished_at timestamptz, "
                        + "runner text, "
                        + "PRIMARY KEY (version, step, key_range))",
                "CREATE TABLE IF NOT EXISTS " + errors + " ("
                        + "id bigserial PRIMARY KEY, "
                        + "version text NOT NULL, "
                        + "step text NOT NULL, "
                        + "row_key jsonb NOT NULL, "
                        + "error text NOT NULL, "
                        + "occurred_at timestamptz NOT NULL DEFAULT now(), "
                        + "resolved_at timestamptz)",
                "CREATE TABLE IF NOT EXISTS " + control + " ("
                        + "version text PRIMARY KEY, "
                        + "request text NOT NULL, "
                        + "requested_at timestamptz NOT NULL DEFAULT now(), "
                        + "requested_by text NOT NULL)");
    }

    @Override
    public String tableCommentSql() {
        return "SELECT coalesce(obj_description(c.oid, 'pg_class'), '') FROM pg_class c WHERE c.oid = to_regclass(?)";
    }

    @Override
    public String layoutComment(int layout) {
        return "migrun log layout " + layout;
    }

    @Override
    public String layoutCommentSql(String qualified, int layout) {
        return "COMMENT ON TABLE " + qualified + " IS '" + layoutComment(layout) + "'";
    }

    @Override
    public String tableExistsSql() {
        return "SELECT to_regclass(?) IS NOT NULL";
    }

    @Override
    public String currentSchemaSql() {
        return "SELECT current_schema()";
    }

    @Override
    public String createSchemaSql(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + schema;
    }

    @Override
    public String serverNowSql() {
        return "SELECT current_timestamp";
    }

    @Override
    public String tryLockSql() {
        return "SELECT pg_try_advisory_lock(?, ?)";
    }

    @Override
    public String unlockSql() {
        return "SELECT pg_advisory_unlock(?, ?)";
    }

    @Override
    public String lockHolderSql() {
        return "SELECT a.pid, a.application_name, coalesce(a.client_hostname, host(a.client_addr), 'local socket'), "
                + "a.backend_start, a.state_change "
                + "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 "
                + "AND l.classid = ?::int::oid AND l.objid = ?::int::oid AND l.database = "
                + "(SELECT oid FROM pg_database WHERE datname = current_database())";
    }

    @Override
    public String setApplicationNameSql() {
        return "SELECT set_config('application_name', ?, false)";
    }

    @Override
    public String backendIdSql() {
        return "SELECT pg_backend_pid()";
    }

    @Override
    public String cancelSql() {
        return "SELECT pg_cancel_backend(?)";
    }

    @Override
    public String setLockTimeoutSql() {
        return "SELECT set_config('lock_timeout', ?, ?)";
    }

    @Override
    public String lockTimeoutSql() {
        return "SELECT current_setting('lock_timeout')";
    }

    @Override
    public String blockersSql() {
        return "SELECT a.pid, a.application_name, a.state, "
                + "(extract(epoch FROM clock_timestamp() - a.xact_start) * 1000)::bigint, a.query "
                + "FROM pg_stat_activity a WHERE a.pid = ANY (pg_blocking_pids(?)) ORDER BY a.xact_start NULLS LAST, a.pid";
    }

    @Override
    public String transactionWroteSql() {
        return "SELECT txid_current_if_assigned() IS NOT NULL";
    }

    @Override
    public String estimatedRowsSql() {
        return "SELECT CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END FROM pg_class c WHERE c.oid = ?::regclass";
    }

    @Override
    public String explainSql(String select) {
        return "EXPLAIN (FORMAT JSON) " + select;
    }

    @Override
    public String transactionTableStatsSql() {
        return "SELECT schemaname || '.' || relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables ORDER BY 1";
    }

    @Override
    public String resetSessionSql() {
        // DISCARD ALL's parts: DISCARD ALL itself refuses to run with other statements or in a transaction.
        return "SET SESSION AUTHORIZATION DEFAULT; RESET ALL; CLOSE ALL; UNLISTEN *; SELECT pg_catalog.pg_advisory_unlock_all(); "
                + "DISCARD PLANS; DISCARD TEMP; DISCARD SEQUENCES; DEALLOCATE ALL";
    }

    @Override
    public String connectingUserSql(boolean inTransaction) {
        return inTransaction ? "SET LOCAL SESSION AUTHORIZATION DEFAULT; SET LOCAL ROLE NONE" : "RESET SESSION AUTHORIZATION; RESET ROLE";
    }

    @Override
    public String transactionIdentitySql() {
        return "SELECT " + IDENTITY;
    }

    /** The backend and the transaction's start in microseconds: no two transactions share both. */
    private static final String IDENTITY = "pg_catalog.pg_backend_pid() || ':' || (extract(epoch FROM pg_catalog.transaction_timestamp()) * 1000000)::bigint";

    @Override
    public String openTransactionSql() {
        return "SELECT pg_catalog.set_config('migrun.open_transaction', " + IDENTITY + ", false)";
    }

    @Override
    public String openTransactionMarkSql() {
        return "SELECT pg_catalog.current_setting('migrun.open_transaction', true)";
    }

    @Override
    public String sessionSettingsSql() {
        return "SELECT name, setting FROM pg_catalog.pg_settings WHERE source = 'session' AND name NOT IN ('transaction_isolation', 'transaction_read_only', 'transaction_deferrable')";
    }

    @Override
    public String setSessionSettingSql() {
        return "SELECT pg_catalog.set_config(?, ?, false)";
    }

    @Override
    public String setSessionSettingSql(String name, String value) {
        String tag = "$migrun_setting$";
        if (name.contains(tag) || value.contains(tag) || name.endsWith("$") || value.endsWith("$")) {
            return null;
        }
        return "SELECT pg_catalog.set_config(" + tag + name + tag + ", " + tag + value + tag + ", false)";
    }

    @Override
    public String remarkTransactionSql(String mark) {
        if (!mark.matches("[0-9:]+")) {
            throw new IllegalArgumentException("not a transaction mark: " + mark);
        }
        return "SELECT pg_catalog.set_config('migrun.open_transaction', '" + mark + "', false)";
    }

    @Override
    public String runnerSessionsSql() {
        return "SELECT a.pid, a.state, a.backend_start, a.xact_start, a.query_start, "
                + "CASE WHEN a.wait_event_type IS NULL THEN NULL ELSE a.wait_event_type || ':' || a.wait_event END, "
                + "pg_catalog.left(a.query, 200), pg_catalog.now(), EXISTS (SELECT 1 FROM pg_catalog.pg_locks l WHERE l.pid = a.pid "
                + "AND l.locktype = 'advisory' AND l.granted AND l.classid = ?::int::oid) "
                + "FROM pg_catalog.pg_stat_activity a WHERE a.datname = pg_catalog.current_database() AND a.application_name = ? "
                + "AND a.pid <> pg_catalog.pg_backend_pid() ORDER BY a.backend_start";
    }

    @Override
    public String terminateSql() {
        return "SELECT pg_catalog.pg_terminate_backend(?)";
    }

    @Override
    public String sessionExistsSql() {
        return "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_activity WHERE pid = ?)";
    }

    @Override
    public String invalidIndexesSql() {
        return "SELECT c.oid, n.nspname, c.relname FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid AND c.relname ~ ? ORDER BY n.nspname, c.relname";
    }

    @Override
    public String dropIndexConcurrentlySql(String schema, String name) {
        return "DROP INDEX CONCURRENTLY IF EXISTS " + quote(schema) + "." + quote(name);
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
