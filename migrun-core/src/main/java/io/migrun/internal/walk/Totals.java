package io.migrun.internal.walk;

/**
 * How many rows a walk expects, as progress shows it and its checkpoint keeps it: a number, or
 * null when unknown, and whether that number is the planner's estimate rather than a count.
 * Immutable.
 *
 * @param rows      the rows expected over the whole walk, or null when unknown
 * @param estimated true for the planner's estimate (also when it had none to give)
 */
public record Totals(Long rows, boolean estimated) {

    /** A walk over a query: nothing to estimate from, and no count asked for. */
    static final Totals UNKNOWN = new Totals(null, false);

    static Totals counted(long rows) {
        return new Totals(rows, false);
    }

    /** The planner's estimate; {@code rows} is null when it gave none. */
    static Totals estimate(Long rows) {
        return new Totals(rows, true);
    }

    /** True when a walk that has seen {@code seen} rows has reached this total, which then says nothing of the rows still ahead. */
    boolean reachedBy(long seen) {
        return rows != null && seen >= rows;
    }
}
