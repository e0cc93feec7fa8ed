package io.migrun.internal.session;

import groovy.sql.Sql;
import io.migrun.MigrunException;
import io.migrun.config.HelperSettings;
import io.migrun.config.MigrunConfig;
import io.migrun.dsl.MigrationSql;
import io.migrun.dsl.ScriptHelpers;
import io.migrun.helper.Connections;
import io.migrun.helper.Crypto;
import io.migrun.helper.Datasources;
import io.migrun.helper.Http;
import io.migrun.helper.IdempotencyKeys;
import io.migrun.helper.Ids;
import io.migrun.helper.JsonHelper;
import io.migrun.helper.Keyring;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The helpers of one run, each made on first use: a run that never encrypts needs no keys, one
 * that never calls out opens no HTTP client. Closing ends the HTTP client and the datasource pools.
 * Also keeps where the script is (migration, step, batch), which derived idempotency keys use.
 */
public final class RunHelpers implements ScriptHelpers, AutoCloseable {

    private final HelperSettings settings;
    private final List<String> secrets;
    private final Supplier<Connection> work;
    private final String idMap;
    private final Crypto crypto;
    private final JsonHelper json = new JsonHelper();
    private final Map<String, Sql> sqls = new HashMap<>();
    private final IdempotencyKeys keys = new IdempotencyKeys("run");
    private Http http;
    private Ids ids;
    private Datasources datasources;

    private final RunTransaction transaction;
    private LockRetries statementRetries;

    RunHelpers(HelperSettings settings, List<String> secrets, Supplier<Connection> work, RunTransaction transaction, String idMap) {
        this.settings = settings;
        this.secrets = secrets;
        this.work = work;
        this.transaction = transaction;
        this.idMap = idMap;
        this.crypto = new Crypto(this::keyring);
    }

    private Keyring keyring() {
        if (settings.keys() != null) {
            return Keyring.parse(settings.keys(), "MIGRUN_KEYS");
        }
        if (settings.keysFile() != null) {
            return Keyring.read(settings.keysFile());
        }
        throw new MigrunException("crypto needs keys and none are set: set MIGRUN_KEYS=<id>=<base64>, or name a keys file with --keys-file "
                + "or keysFile: in migrun.yml. `migrun keys generate <id>` prints a new key.");
    }

    /** The helpers of a run on {@code session}: its work connection, and the id map beside its log. */
    public static RunHelpers of(MigrunConfig config, Session session) {
        return new RunHelpers(config.helpers(), config.secrets(), session::work, session.transaction(), session.tables().idMap());
    }

    /**
     * Where the script is now, entered anew or again: the calls made from here count from one, so
     * the same place on a retried or resumed run gives the same idempotency keys in the same order.
     */
    public void scope(String where) {
        keys.enter(where);
    }

    /** A part of the place entered last, run on its own; requests it repeats get their earlier keys (see {@link IdempotencyKeys}). */
    public void part(String where) {
        keys.enterPart(where);
    }

    @Override
    public Crypto crypto() {
        return crypto;
    }

    @Override
    public JsonHelper json() {
        return json;
    }

    @Override
    public synchronized Http http() {
        if (http == null) {
            http = new Http(settings.http(), secrets, keys);
        }
        return http;
    }

    @Override
    public synchronized Ids ids() {
        if (ids == null) {
            ids = new Ids(work, idMap);
        }
        return ids;
    }

    synchronized Datasources datasources() {
        if (datasources == null) {
            datasources = new Datasources(settings.datasources());
        }
        return datasources;
    }

    @Override
    public synchronized Sql db(String name) {
        return sqls.computeIfAbsent(name, n -> new MigrationSql(datasources().get(n)));
    }

    @Override
    public void beforeStatement(String sql) {
        transaction.beforeStatement(sql);
    }

    /** The lock guard that retries the statements of the run without a transaction now, or null (none, or a transactional run, retried as a whole). */
    void statementRetries(LockRetries value) {
        statementRetries = value;
    }

    @Override
    public <T> T retryingLocks(String sql, Statement<T> statement) throws SQLException {
        InvalidIndexes indexes = statementRetries == null || !idle() ? null : statementRetries.indexes();
        if (indexes != null) {
            indexes.before(work.get(), sql);
        }
        while (true) {
            try {
                return statement.run();
            } catch (SQLException e) {
                if (indexes != null && idle()) {
                    // Before a retry as well: the index of the failed attempt would be in the way of the next by its name.
                    indexes.after(work.get());
                }
                // Inside a transaction of the script's own (BEGIN in the file) the failed statement cannot be sent again alone.
                if (statementRetries == null || !LockRetries.timedOut(e) || !idle() || !statementRetries.again(e, "trying the statement again")) {
                    throw e;
                }
            }
        }
    }

    /** Whether the work connection is outside a transaction; a connection that cannot say is not (its error is the statement's to report). */
    private boolean idle() {
        try {
            return Connections.idle(work.get());
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (http != null) {
            http.close();
        }
        if (datasources != null) {
            datasources.close();
        }
    }
}
