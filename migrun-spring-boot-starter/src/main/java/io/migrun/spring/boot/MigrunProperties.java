package io.migrun.spring.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The {@code migrun.*} settings of the starter. Settings left unset keep migrun's own defaults
 * (log table {@code _migrationLog}, the connection's schema, a 60 s lock timeout).
 */
@ConfigurationProperties(prefix = "migrun")
public class MigrunProperties {

    /** Whether to build a Migrun from the application's DataSource and run the start-up mode. */
    private boolean enabled = true;

    /**
     * The migrations folder: a file-system path (relative to the working directory), or
     * classpath:folder for a folder of the class path (one inside a jar is copied to a temporary folder).
     */
    private String locations = "migrations";

    /** What to do at start-up: migrate, validate, none, or init-job (migrate, then exit with migrun's exit code). */
    private MigrunMode mode = MigrunMode.MIGRATE;

    /** Apply nothing above this version; unset for no limit. */
    private String target;

    /** Apply pending versions older than the newest applied one instead of refusing them. */
    private boolean outOfOrder;

    /** How long a command waits for the migration lock; unset for migrun's 60 s. */
    private Duration lockTimeout;

    /** The lock guard: the lock_timeout of every migration statement, e.g. 5s; 0 turns it off (default 5s). */
    private Duration ddlLockTimeout;

    /** How many times a migration that timed out on a lock is tried again (default 5). */
    private Integer lockRetries;

    /** The most time one migration's lock retries take, pauses included (default 2m). */
    private Duration lockRetryTime;

    /** The log table; unset for migrun's _migrationLog. */
    private String table;

    /** The schema of the log table; unset for the connection's current schema. */
    private String schema;

    private final Health health = new Health();

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getLocations() { return locations; }
    public void setLocations(String locations) { this.locations = locations; }
    public MigrunMode getMode() { return mode; }
    public void setMode(MigrunMode mode) { this.mode = mode; }
    public String getTarget() { return target; }
    public void setTarget(String target) { this.target = target; }
    public boolean isOutOfOrder() { return outOfOrder; }
    public void setOutOfOrder(boolean outOfOrder) { this.outOfOrder = outOfOrder; }
    public Duration getLockTimeout() { return lockTimeout; }
    public void setLockTimeout(Duration lockTimeout) { this.lockTimeout = lockTimeout; }
    public Duration getDdlLockTimeout() { return ddlLockTimeout; }
    public void setDdlLockTimeout(Duration ddlLockTimeout) { this.ddlLockTimeout = ddlLockTimeout; }
    public Integer getLockRetries() { return lockRetries; }
    public void setLockRetries(Integer lockRetries) { this.lockRetries = lockRetries; }
    public Duration getLockRetryTime() { return lockRetryTime; }
    public void setLockRetryTime(Duration lockRetryTime) { this.lockRetryTime = lockRetryTime; }
    public String getTable() { return table; }
    public void setTable(String table) { this.table = table; }
    public String getSchema() { return schema; }
    public void setSchema(String schema) { this.schema = schema; }
    public Health getHealth() { return health; }

    /** The {@code migrun.health.*} settings of the health indicator. */
    public static class Health {

        /** Report DOWN while migrations are pending, not only when one failed or awaits repair. */
        private boolean pendingDown;

        public boolean isPendingDown() { return pendingDown; }
        public void setPendingDown(boolean pendingDown) { this.pendingDown = pendingDown; }
    }
}
