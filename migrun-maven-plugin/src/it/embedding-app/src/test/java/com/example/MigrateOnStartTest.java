package com.example;

import io.migrun.MigrateResult;
import io.migrun.Migrun;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MigrateOnStartTest {

    private static final Logger log = LoggerFactory.getLogger(MigrateOnStartTest.class);

    @Test
    void migratesTheEmbeddedDefaultAndKeepsTheApplicationsLogging() {
        try (Migrun migrun = Migrun.configure().migrations(Path.of("migrations")).load()) {
            MigrateResult result = migrun.migrate();
            log.info("embedding-app applied {} migration(s), now at version {}", result.applied().size(), result.currentVersion());
            assertEquals("1", result.currentVersion());
        }
    }
}
