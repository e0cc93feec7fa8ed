package io.migrun.helper;

import java.util.List;
import java.util.Map;

/**
 * One batch of a keyset walk.
 *
 * @param rows   the rows, each a {@link Row}: columns by label, looked up as {@code GroovyRowResult} does
 * @param keys   each row's key values as text, in row order
 * @param cursor the position after the last row, or the previous position when the page is empty
 */
public record Page(List<Map<String, Object>> rows, List<List<String>> keys, Cursor cursor) {

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
