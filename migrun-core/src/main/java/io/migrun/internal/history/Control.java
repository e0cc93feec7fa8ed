package io.migrun.internal.history;

import java.time.Instant;

/**
 * An operator's standing request about one migration: {@code pause} (hold it until resumed) or
 * {@code cancel} (stop it and hold it until retried).
 */
public record Control(String version, String request, Instant requestedAt, String requestedBy) {
}
