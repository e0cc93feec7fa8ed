package io.migrun;

import java.time.Instant;
import java.util.List;

/**
 * What {@code migrun cleanup} did.
 *
 * @param ran     the cleanups it ran, in version order
 * @param waiting the cleanups still waiting for their time
 */
public record CleanupResult(List<AppliedMigration> ran, List<Waiting> waiting) {

    /** A migration whose cleanup may run from {@code eligibleAt}. */
    public record Waiting(String version, String description, Instant eligibleAt) {
    }

    public CleanupResult {
        ran = List.copyOf(ran);
        waiting = List.copyOf(waiting);
    }
}
