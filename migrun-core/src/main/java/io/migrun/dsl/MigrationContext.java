package io.migrun.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.sql.Sql;
import io.migrun.MigrunException;
import io.migrun.helper.Backups;
import io.migrun.helper.Checks;
import io.migrun.helper.Connections;
import io.migrun.helper.Crypto;
import io.migrun.helper.Http;
import io.migrun.helper.Ids;
import io.migrun.helper.JsonHelper;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a migration's blocks see as {@code this}: the run's {@code sql}, a {@code log}, the run's
 * {@code args}, whether it is a {@code dryRun}, the resumable helpers {@code step},
 * {@code eachBatch}, {@code backfill} and {@code paginate}, and the data helpers {@code crypto},
 * {@code json}, {@code http}, {@code ids} and {@code db(name)}, the checks {@code expect},
 * {@code count} and {@code orphans}, and {@code backup}. One instance per run; not thread-safe.
 */
public class MigrationContext {

    private final Sql sql;
    private final ScriptLog log;
    private final Map<String, Object> args;
    private final boolean dryRun;
    private final Batches batches;
    private final ScriptHelpers helpers;
    private final Supplier<Connection> connection;
    private final String version;
    private final Checks checks;

    /**
     * @param connection the run's current connection
     * @param version    the migration's version, or null for a script without one
     */
    public MigrationContext(Supplier<Connection> connection, ScriptLog log, Map<String, Object> args, boolean dryRun, Batches batches,
                            ScriptHelpers helpers, String version) {
        this.connection = connection;
        this.sql = new MigrationSql(connection, log::server, helpers);
        this.version = version;
        this.checks = new Checks(connection);
        this.log = log;
        this.args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
        this.dryRun = dryRun;
        this.batches = batches;
        this.helpers = helpers;
    }

    /** {@code crypto.encrypt(text[, context])}, {@code decrypt}, {@code tryDecrypt}, {@code isEncrypted}, {@code reencrypt}: AES-256-GCM with the run's keyring. */
    public Crypto getCrypto() {
        return helpers.crypto();
    }

    /** {@code json.parse(text)}, {@code json.write(value)}. */
    public JsonHelper getJson() {
        return helpers.json();
    }

    /** {@code json(value)}: the value as a parameter that binds as {@code jsonb}. */
    public Object json(Object value) {
        return helpers.json().call(value);
    }

    /** {@code http.get/post/put/patch/delete(path, body:, headers:, query:)}: JSON over the configured client, with retries. */
    public Http getHttp() {
        return helpers.http();
    }

    /** {@code ids.put(namespace, source, target)}, {@code get}, {@code find}, {@code getAll}: the id map, written in the run's transaction. */
    public Ids getIds() {
        return helpers.ids();
    }

    /** {@code db('legacy')}: a {@code Sql} on a datasource named in migrun.yml; also a source for {@code eachBatch}. */
    public Sql db(String name) {
        return helpers.db(name);
    }

    /** A {@code groovy.sql.Sql} on the run's connection, inside the run's transaction when it has one. */
    public Sql getSql() {
        return sql;
    }

    public ScriptLog getLog() {
        return log;
    }

    /** The run's arguments; empty for versioned migrations. */
    public Map<String, Object> getArgs() {
        return args;
    }

    /** True when the run will be rolled back at the end. */
    public boolean isDryRun() {
        return dryRun;
    }

    /**
     * {@code step('add parts column') { … }}: runs once, in its own transaction, and is recorded;
     * a resumed migration skips the steps it finished. Returns what the block returns (null when skipped).
     */
    public Object step(String name, @DelegatesTo(value = MigrationContext.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        return batches.step(name, body);
    }

    /**
     * {@code eachBatch('messages', key: 'id', batchSize: 1000) { rows -> … }}: walks a table or a
     * query in key order; each batch's work commits together with its checkpoint. Options:
     * {@code key} (a column or a list; default {@code id}), {@code batchSize} (default 1000),
     * {@code where}, {@code name}, {@code onError} ({@code 'fail'} or {@code 'skip'}), {@code total}
     * ({@code 'exact'} to count instead of estimating), {@code sleep}, {@code maxRowsPerSecond},
     * {@code throttle} (a closure; while it returns true the walk waits).
     */
    public void eachBatch(Map<String, Object> options, String source, Closure<?> body) {
        batches.eachBatch(options, source, body);
    }

    public void eachBatch(String source, Closure<?> body) {
        batches.eachBatch(Map.of(), source, body);
    }

    /**
     * {@code eachBatch(db('legacy'), 'users', batchSize: 500) { rows -> … }}: walks a table or query
     * of another datasource; each batch's work here commits with its checkpoint.
     */
    public void eachBatch(Map<String, Object> options, Sql source, String query, Closure<?> body) {
        if (source.getDataSource() == null) {
            throw new IllegalArgumentException("eachBatch(db('name'), …) needs a datasource's Sql; for this database's tables give the table or query alone");
        }
        batches.eachBatch(options, source.getDataSource(), query, body);
    }

    public void eachBatch(Sql source, String query, Closure<?> body) {
        eachBatch(Map.of(), source, query, body);
    }

    /**
     * {@code backfill('messages', where: 'parts IS NULL') { row -> [parts: …] }}: the block returns
     * the columns to write for each row (or null to leave it); each batch is written back in one
     * statement with its checkpoint. Options as for {@link #eachBatch(Map, String, Closure)}.
     */
    public void backfill(Map<String, Object> options, String table, Closure<?> body) {
        batches.backfill(options, table, body);
    }

    public void backfill(String table, Closure<?> body) {
        batches.backfill(Map.of(), table, body);
    }

    /**
     * {@code paginate('SELECT …', key: 'id', cursor: last, size: 100)}: one page after {@code cursor}
     * as {@code [rows: …, cursor: …, done: …]}, for scripts that loop themselves; keeps no checkpoint.
     */
    public Map<String, Object> paginate(Map<String, Object> options, String query) {
        return batches.paginate(options, query);
    }

    /** {@code count('messages')}: the rows of a table. */
    public long count(String table) {
        return checks.count(table);
    }

    /** {@code count('messages', 'parts IS NULL')}: the rows a condition selects. */
    public long count(String table, String where) {
        return checks.count(table, where);
    }

    /**
     * {@code orphans(child: 'threads', column: 'user_id', parent: 'users')}: the child rows whose
     * reference names no parent row ({@code key:} the parent's column, default {@code id}).
     */
    public long orphans(Map<String, Object> options) {
        for (String k : options.keySet()) {
            if (!List.of("child", "column", "parent", "key").contains(k)) {
                throw new IllegalArgumentException("orphans has no option '" + k + "'; it takes child, column, parent and key");
            }
        }
        return checks.orphans((String) options.get("child"), (String) options.get("column"), (String) options.get("parent"),
                (String) options.getOrDefault("key", "id"));
    }

    /**
     * {@code expect 'every message has parts', count('messages', 'parts IS NULL') == 0}: in a
     * {@code verify} block a false expectation fails the run, naming it and the counts it was judged on.
     */
    public boolean expect(String description, boolean holds) {
        return checks.expect(description, holds);
    }

    /** {@code expect 'all users moved', count('users'), 320}: says both numbers when they differ. */
    public boolean expect(String description, Object actual, Object expected) {
        return checks.expect(description, actual, expected);
    }

    /** The checks of this run, for the engine to read after a verify block. */
    public Checks checks() {
        return checks;
    }

    /**
     * {@code backup 'users'}: copies the table into {@code _backup_users_v<version>} before the
     * migration changes it, once: a resumed or repeated run keeps the first copy. Outside a
     * transaction that has started its work, the copy commits at once. Returns the backup's name.
     */
    public String backup(String table) {
        return backup(Map.of(), table);
    }

    /** {@code backup 'users', where: "plan = 'free'"}: copies only the rows the condition selects. */
    public String backup(Map<String, Object> options, String table) {
        for (String k : options.keySet()) {
            if (!k.equals("where")) {
                throw new IllegalArgumentException("backup has no option '" + k + "'; it takes where");
            }
        }
        String where = (String) options.get("where");
        String v = requireVersion("backup");
        Connection c = connection.get();
        try {
            return dryRun ? Backups.create(c, table, where, v) : Connections.outsideTransaction(c, x -> Backups.create(x, table, where, v));
        } catch (SQLException e) {
            throw new MigrunException("backup of " + table + " failed: " + e.getMessage(), e);
        }
    }

    /** {@code backupOf('users')}: the name of this migration's backup of a table, e.g. for a down block to restore from. */
    public String backupOf(String table) {
        return Backups.nameOf(table, requireVersion("backupOf"));
    }

    private String requireVersion(String helper) {
        if (version == null) {
            throw new IllegalArgumentException(helper + " belongs to versioned migrations, whose version names the copy");
        }
        return version;
    }
}
