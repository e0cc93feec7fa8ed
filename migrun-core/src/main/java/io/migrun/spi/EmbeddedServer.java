package io.migrun.spi;

import io.migrun.MigrationListener;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Starts the PostgreSQL that migrun uses when no URL and no data source is configured. migrun finds
 * the implementation with {@link java.util.ServiceLoader}: the {@code migrun-embedded} artifact
 * provides one; without it on the class path, a command with no URL fails with a message that says
 * to add it or to set a URL. An implementation keeps the server's data in {@code dataDir} between
 * runs, lets one process at a time use that folder (waiting at most {@code wait} for another), and
 * throws {@link io.migrun.ConfigurationException} with the fix when it cannot start.
 */
public interface EmbeddedServer {

    /**
     * Starts the server, or attaches to the folder's data after an earlier migrun was killed.
     *
     * @param dataDir the folder that holds the server's data; created when missing
     * @param wait how long to wait for another process that uses the same folder
     * @param listener where notices about the server go (created, stopped a leftover)
     * @return the running server; closing it stops the server and frees the folder
     */
    Running start(Path dataDir, Duration wait, MigrationListener listener);

    /** A started server: where to connect, as whom; closing it stops the server. */
    interface Running extends AutoCloseable {

        /** The JDBC URL of the server's {@code postgres} database. */
        String url();

        /** The superuser to connect as. */
        String user();

        @Override
        void close();
    }
}
