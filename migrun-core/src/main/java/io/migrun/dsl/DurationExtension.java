package io.migrun.dsl;

import java.time.Duration;

/**
 * Lets scripts write {@code cleanupAfter 7.days}: {@code days}, {@code hours}, {@code minutes} and
 * {@code seconds} on whole numbers, as a Groovy extension module (no meta-class changes).
 */
public final class DurationExtension {

    private DurationExtension() {
    }

    public static Duration getDays(Integer self) {
        return Duration.ofDays(self);
    }

    public static Duration getDay(Integer self) {
        return Duration.ofDays(self);
    }

    public static Duration getHours(Integer self) {
        return Duration.ofHours(self);
    }

    public static Duration getHour(Integer self) {
        return Duration.ofHours(self);
    }

    public static Duration getMinutes(Integer self) {
        return Duration.ofMinutes(self);
    }

    public static Duration getSeconds(Integer self) {
        return Duration.ofSeconds(self);
    }
}
