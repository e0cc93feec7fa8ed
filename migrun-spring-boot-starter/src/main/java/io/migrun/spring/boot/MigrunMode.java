package io.migrun.spring.boot;

/** What the starter does with the database when the application starts ({@code migrun.mode}). */
public enum MigrunMode {
    /** Applies pending migrations before JPA and the other database users start. */
    MIGRATE,
    /**
     * Applies nothing; start-up fails when the folder and the log disagree (as {@code migrun validate}
     * does) or when migrations are pending, so the application never runs on a schema behind its code.
     */
    VALIDATE,
    /** Touches nothing at start-up; the {@code Migrun} bean, endpoint and health indicator stay. */
    NONE,
    /**
     * Applies pending migrations and ends the JVM with migrun's exit code (0 ok, 1 failed,
     * 2 configuration, 3 validation, 4 lock) before anything else of the application starts: for a
     * Kubernetes init container or a one-off job. Spring Boot's shutdown hook is off in this mode
     * (see {@link InitJobEnvironmentPostProcessor}): the JVM ends without closing the context.
     */
    INIT_JOB
}
