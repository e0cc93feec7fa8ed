package io.migrun.dsl;

import groovy.sql.Sql;

import java.util.Map;

/**
 * What a migration's blocks see as {@code this}: the run's {@code sql}, a {@code log}, the run's
 * {@code args} and whether it is a {@code dryRun}. One instance per run; not thread-safe.
 */
public class MigrationContext {

    private final Sql sql;
    private final ScriptLog log;
    private final Map<String, Object> args;
    private final boolean dryRun;

    public MigrationContext(Sql sql, ScriptLog log, Map<String, Object> args, boolean dryRun) {
        this.sql = sql;
        this.log = log;
        this.args = Map.copyOf(args);
        this.dryRun = dryRun;
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
}
