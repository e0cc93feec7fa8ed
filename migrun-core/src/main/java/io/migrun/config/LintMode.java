package io.migrun.config;

import io.migrun.ConfigurationException;

import java.util.Locale;

/**
 * What {@code up} (and {@code up --dry-run}) does with the lint findings of the pending migrations
 * before it runs any: {@code lint:} in {@code migrun.yml} (top level or per environment), or
 * {@code MIGRUN_LINT}.
 */
public enum LintMode {
    /** Each finding is shown as a warning, and up goes on (the default). */
    WARN,
    /** A finding stops up before anything runs (exit 3). */
    ERROR,
    /** The pending migrations are not linted. */
    OFF;

    /** The mode {@code text} names ({@code warn}, {@code error}, {@code off}, in any case). */
    public static LintMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid lint '" + text + "': expected warn (the default), error or off.");
        }
    }
}
