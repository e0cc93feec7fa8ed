package io.migrun.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import io.migrun.MigrunException;
import io.migrun.config.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The base class of every Groovy script: migrations, repeatable scripts and ad-hoc scripts. The
 * script body only declares: a description, the {@code up}, {@code down}, {@code verify} and
 * {@code cleanup} blocks of a migration, or the {@code run} block and arguments of an ad-hoc
 * script. All database work happens inside the blocks, which run later with a
 * {@link MigrationContext} as their delegate, so reading a script never touches data.
 *
 * <p>Not thread-safe: one instance per run.
 */
public abstract class MigrationScript extends Script {

    private String description;
    private Closure<?> up;
    private Closure<?> down;
    private Closure<?> verify;
    private Closure<?> cleanup;
    private Closure<?> work;
    private Duration cleanupAfter;
    private boolean transactional = true;
    private boolean readOnly;
    private Duration lockTimeout;
    private final List<ArgSpec> args = new ArrayList<>();
    /** While the body runs: the block database work belongs in ({@code up} or {@code run}); null afterwards. */
    private String workBlock;

    /** What the blocks see that the body, which only declares, does not. */
    private static final Set<String> BLOCK_ONLY = Set.of("sql", "log", "http", "crypto", "ids", "json", "dryRun", "args",
            "step", "eachBatch", "backfill", "paginate", "count", "orphans", "expect", "backup", "backupOf", "db");

    /**
     * Runs the body, which only declares; a use of what only the blocks see (such as {@code sql})
     * then fails saying that the work belongs inside {@code workBlock}, e.g. {@code up}.
     */
    public void declare(String workBlock) {
        this.workBlock = workBlock;
        try {
            run();
        } finally {
            this.workBlock = null;
        }
    }

    @Override
    public Object getProperty(String property) {
        try {
            return super.getProperty(property);
        } catch (MissingPropertyException e) {
            throw bodyOnly(property, e);
        }
    }

    @Override
    public Object invokeMethod(String name, Object args) {
        try {
            return super.invokeMethod(name, args);
        } catch (MissingMethodException e) {
            throw e.getMethod().equals(name) ? bodyOnly(name, e) : e;
        }
    }

    private RuntimeException bodyOnly(String name, RuntimeException missing) {
        if (workBlock == null || !BLOCK_ONLY.contains(name)) {
            return missing;
        }
        return new MigrunException(name + " is used in the script body, which only declares (description, blocks, arguments); "
                + "the database work goes inside " + workBlock + " { … }, which runs when the script is applied, e.g.\n    "
                + workBlock + " {\n        sql.execute '…'\n    }");
    }

    /** Overrides the description taken from the file name. */
    public void description(String text) {
        this.description = text;
    }

    /** The work of the migration. What the block returns is stored as the run's result, as JSON. */
    public void up(@DelegatesTo(value = MigrationContext.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        this.up = body;
    }

    /** Undoes {@code up}; run by {@code migrun down}, after which the version is pending again. */
    public void down(@DelegatesTo(value = MigrationContext.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        this.down = body;
    }

    /**
     * Checks the migration's outcome with {@code expect}, {@code count} and {@code orphans}; runs
     * after {@code up} (a failed expectation fails the run) and with {@code migrun verify}.
     */
    public void verify(@DelegatesTo(value = MigrationContext.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        this.verify = body;
    }

    /** How long after {@code up} the {@code cleanup} block may run, e.g. {@code cleanupAfter 7.days}. */
    public void cleanupAfter(Duration wait) {
        if (wait == null || wait.isNegative()) {
            throw new IllegalArgumentException("cleanupAfter needs a wait of zero or more, such as 7.days");
        }
        this.cleanupAfter = wait;
    }

    /** {@code cleanupAfter '7d'}: the wait as text, as in migrun.yml. */
    public void cleanupAfter(String wait) {
        cleanupAfter(Durations.parse(wait));
    }

    /** The contract phase: not run by {@code up}; {@code migrun cleanup} runs it once {@code cleanupAfter} has passed. */
    public void cleanup(@DelegatesTo(value = MigrationContext.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        this.cleanup = body;
    }

    /** The work of an ad-hoc script run with {@code migrun run}; what it returns is stored as the run's result. */
    public void run(@DelegatesTo(value = MigrationContext.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        this.work = body;
    }

    /**
     * Declares an argument of an ad-hoc script: {@code arg 'credits', BigDecimal, required: true}.
     * Options: {@code required}, {@code defaultValue} (or {@code default}), {@code secret},
     * {@code description}.
     */
    public void arg(Map<String, Object> options, String name, Class<?> type) {
        for (String key : options.keySet()) {
            if (!List.of("required", "default", "defaultValue", "secret", "description").contains(key)) {
                throw new IllegalArgumentException("arg '" + name + "' has an unknown option '" + key
                        + "'; known: required, default, secret, description");
            }
        }
        Object dflt = options.containsKey("default") ? options.get("default") : options.get("defaultValue");
        args.add(new ArgSpec(name, type, Boolean.TRUE.equals(options.get("required")), dflt,
                Boolean.TRUE.equals(options.get("secret")), (String) options.get("description")));
    }

    public void arg(Map<String, Object> options, String name) {
        arg(options, name, String.class);
    }

    public void arg(String name, Class<?> type) {
        arg(Map.of(), name, type);
    }

    public void arg(String name) {
        arg(Map.of(), name, String.class);
    }

    /** {@code readOnly true}: the work runs in a read-only transaction, for analysis that must change nothing. */
    public void readOnly(boolean enabled) {
        this.readOnly = enabled;
    }

    /**
     * {@code transaction false} runs the migration outside a transaction, as statements such as
     * {@code CREATE INDEX CONCURRENTLY} require. A failure then leaves the migration partially
     * applied and blocks further runs until {@code migrun repair}.
     */
    public void transaction(boolean enabled) {
        this.transactional = enabled;
    }

    /**
     * {@code lockTimeout 5.seconds} (or {@code lockTimeout '500ms'}): how long each statement of the migration
     * waits for a lock before the lock guard rolls it back and tries again, instead of the configuration's
     * {@code ddlLockTimeout}; zero turns the guard off for this migration.
     */
    public void lockTimeout(Duration value) {
        if (value == null || value.isNegative()) {
            throw new MigrunException("lockTimeout must be zero (off) or more, such as 5.seconds, not " + value);
        }
        this.lockTimeout = value;
    }

    public void lockTimeout(String value) {
        try {
            lockTimeout(Durations.parse(value));
        } catch (IllegalArgumentException e) {
            throw new MigrunException(e.getMessage() + "; write lockTimeout 5.seconds or lockTimeout '5s' (0 turns the lock guard off for this migration)");
        }
    }

    /** The declarations, read after the body has run. */
    public MigrationDefinition definition() {
        return new MigrationDefinition(description, up, transactional, down, verify, cleanupAfter, cleanup, work, args, readOnly, lockTimeout);
    }
}
