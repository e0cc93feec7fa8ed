/**
 * Service interfaces that other migrun artifacts implement: {@link io.migrun.spi.EmbeddedServer},
 * the PostgreSQL started when no URL is set. Applications that embed migrun do not use this package.
 */
package io.migrun.spi;
