package io.migrun;

/**
 * What {@link Migrun#awaitDatabase} saw: the database accepted a connection.
 *
 * @param database the database as messages name it, its password masked
 * @param attempts how many connections were tried, the one that was accepted included
 * @param waitedMs how long it took from the first try until a connection was accepted
 */
public record WaitResult(String database, int attempts, long waitedMs) {
}
