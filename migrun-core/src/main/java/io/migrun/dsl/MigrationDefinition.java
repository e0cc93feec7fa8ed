package io.migrun.dsl;

import groovy.lang.Closure;

import java.time.Duration;
import java.util.List;

/**
 * What a script declared. Blocks it did not declare are null.
 *
 * @param description   the declared description, or null to keep the file name's
 * @param up            the {@code up} block of a migration
 * @param transactional false after {@code transaction false}
 * @param down          the {@code down} block that undoes {@code up}
 * @param verify        the {@code verify} block, run after {@code up} and by {@code migrun verify}
 * @param cleanupAfter  how long after {@code up} the {@code cleanup} block becomes eligible
 * @param cleanup       the {@code cleanup} block, run by {@code migrun cleanup}
 * @param run           the {@code run} block of an ad-hoc script
 * @param args          the arguments an ad-hoc script declares, in order
 * @param readOnly      true after {@code readOnly true}: the work runs in a read-only transaction
 * @param lockTimeout   the lock timeout of its statements after {@code lockTimeout 5.seconds}, or null for the configuration's
 */
public record MigrationDefinition(String description, Closure<?> up, boolean transactional, Closure<?> down, Closure<?> verify,
                                  Duration cleanupAfter, Closure<?> cleanup, Closure<?> run, List<ArgSpec> args, boolean readOnly,
                                  Duration lockTimeout) {

    public MigrationDefinition {
        args = List.copyOf(args);
    }
}
