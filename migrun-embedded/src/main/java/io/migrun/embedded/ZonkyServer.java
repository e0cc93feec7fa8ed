package io.migrun.embedded;

import io.migrun.MigrationListener;
import io.migrun.spi.EmbeddedServer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The PostgreSQL migrun starts when no URL is configured: zonky's embedded server, with binaries for
 * {@value #PLATFORMS}, its data kept in a folder between runs. On another platform, starting it
 * fails with a message that names the platforms it has and says to set a URL.
 */
public final class ZonkyServer implements EmbeddedServer {

    /** The platforms whose binaries this artifact brings, for the message on any other. */
    public static final String PLATFORMS = "Linux (x86-64, ARM64), macOS (x86-64, ARM64) and Windows (x86-64)";

    @Override
    public Running start(Path dataDir, Duration wait, MigrationListener listener) {
        return LocalServer.start(dataDir, wait, listener);
    }
}
