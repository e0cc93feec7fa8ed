package io.migrun.cli;

import io.migrun.MigrationState;
import io.migrun.Migrun;

import java.time.Instant;
import java.util.List;

/** What a changing command will do, in lines, for the confirmation of a protected environment. */
final class Plans {

    private Plans() {
    }

    /** The migrations {@code up} will run, in order; see {@link Migrun#pending()}. */
    static List<String> pending(Migrun migrun) {
        return migrun.pending().stream()
                .map(m -> (m.version() == null ? "run the repeatable " + m.script() : "apply V" + m.version() + " " + m.description())
                        + (m.state() == MigrationState.PENDING ? "" : " (" + m.state().label() + ", runs again)"))
                .toList();
    }

    /** The cleanups {@code cleanup} would run. */
    static List<String> cleanups(Migrun migrun, String version, boolean force) {
        Instant now = Instant.now();
        return migrun.status().migrations().stream()
                .filter(m -> "awaiting".equals(m.cleanup()) || "failed".equals(m.cleanup()))
                .filter(m -> version != null ? m.version().equals(version)
                        : m.cleanupEligibleAt() == null || !m.cleanupEligibleAt().isAfter(now))
                .map(m -> "run the cleanup of V" + m.version() + " " + m.description() + (force ? " (early, --force)" : ""))
                .toList();
    }
}
