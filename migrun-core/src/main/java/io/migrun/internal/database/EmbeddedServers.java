package io.migrun.internal.database;

import io.migrun.ConfigurationException;
import io.migrun.spi.EmbeddedServer;

import java.util.ServiceLoader;

/** Finds the embedded PostgreSQL on the class path, or explains how to get one or do without. */
final class EmbeddedServers {

    private EmbeddedServers() {
    }

    static EmbeddedServer find() {
        return ServiceLoader.load(EmbeddedServer.class, EmbeddedServers.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new ConfigurationException("No database URL is set, and the embedded PostgreSQL is not on the class path."
                        + "\nSet --url (or MIGRUN_URL, DATABASE_URL, or url: in migrun.yml) to a PostgreSQL server,"
                        + " or add the io.migrun:migrun-embedded artifact to use a local one."));
    }
}
