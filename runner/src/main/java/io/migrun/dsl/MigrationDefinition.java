package io.migrun.dsl;

import groovy.lang.Closure;

/**
 * What a script declared.
 *
 * @param description  the declared description, or null to keep the file name's
 * @param up           the {@code up} block, or null when the script declared none
 * @param transactional false after {@code transaction false}
 */
public record MigrationDefinition(String description, Closure<?> up, boolean transactional) {
}
