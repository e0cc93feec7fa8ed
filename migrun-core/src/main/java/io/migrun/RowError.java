package io.migrun;

import java.time.Instant;

/** A row a batch left unchanged under {@code onError: 'skip'}, with why. */
public record RowError(long id, String version, String step, String key, String error, Instant occurredAt) {
}
