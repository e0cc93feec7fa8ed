package io.migrun.bench;

import org.flywaydb.core.Flyway;

/** Reference: Flyway's Java API in a fresh JVM, applying SQL migrations from a folder. Args: url user folder. */
public final class FlywayMain {

    private FlywayMain() {
    }

    public static void main(String[] args) {
        var result = Flyway.configure()
                .dataSource(args[0], args[1], null)
                .locations("filesystem:" + args[2])
                .load()
                .migrate();
        System.out.println("flyway applied " + result.migrationsExecuted);
    }
}
