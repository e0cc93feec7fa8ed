package io.migrun.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;

/**
 * The base class of every Groovy migration. The script body only declares: it names a
 * description, an {@code up} block and whether to use a transaction. All database work happens
 * inside the blocks, which run later with a {@link MigrationContext} as their delegate, so reading
 * a script for {@code status} or {@code validate} never touches data.
 *
 * <p>Not thread-safe: one instance per run.
 */
public abstract class MigrationScript extends Script {

    private String description;
    private Closure<?> up;
    private boolean transactional = true;

    /** Overrides the description taken from the file name. */
    public void description(String text) {
        this.description = text;
    }

    /** The work of the migration. What the block returns is stored as the run's result, as JSON. */
    public void up(@DelegatesTo(value = MigrationContext.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        this.up = body;
    }

    /**
     * {@code transaction false} runs the migration outside a transaction, as statements such as
     * {@code CREATE INDEX CONCURRENTLY} require. A failure then leaves the migration partially
     * applied and blocks further runs until {@code migrun repair}.
     */
    public void transaction(boolean enabled) {
        this.transactional = enabled;
    }

    /** The declarations, read after the body has run. */
    public MigrationDefinition definition() {
        return new MigrationDefinition(description, up, transactional);
    }
}
