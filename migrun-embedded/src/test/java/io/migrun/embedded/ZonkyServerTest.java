package io.migrun.embedded;

import io.migrun.ConfigurationException;
import io.migrun.MigrationListener;
import io.migrun.spi.EmbeddedServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The embedded server as migrun finds it, and what it says on a platform it has no binaries for. */
class ZonkyServerTest {

    @Test
    void migrunFindsItThroughTheServiceInterface() {
        assertEquals(ZonkyServer.class, ServiceLoader.load(EmbeddedServer.class).findFirst().orElseThrow().getClass());
    }

    @Test
    void onAPlatformWithoutBinariesItNamesThePlatformsItHasAndSaysToSetAUrl(@TempDir Path dir) {
        // zonky picks the binaries by os.arch; this test's JVM starts no other server, so changing it here is safe
        String arch = System.getProperty("os.arch");
        System.setProperty("os.arch", "s390x");
        try {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> new ZonkyServer().start(dir.resolve("postgres"), Duration.ofSeconds(1), MigrationListener.NONE));

            assertEquals("The embedded PostgreSQL has no binaries for this platform (" + System.getProperty("os.name") + ", s390x);"
                    + " it has them for Linux (x86-64, ARM64), macOS (x86-64, ARM64) and Windows (x86-64).\n"
                    + "Set --url (or MIGRUN_URL, DATABASE_URL, or url: in migrun.yml) to a PostgreSQL server.", e.getMessage());
            assertFalse(Files.exists(dir.resolve("postgres")));
        } finally {
            System.setProperty("os.arch", arch);
        }
    }
}
