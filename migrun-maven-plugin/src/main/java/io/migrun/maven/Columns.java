package io.migrun.maven;

import java.util.ArrayList;
import java.util.List;

/** Rows as left-aligned columns sized to their widest cell, as the command line's tables. */
final class Columns {

    private Columns() {
    }

    static List<String> lines(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + (width[i] + 2) + "s", row[i]));
            }
            out.add(line.toString().stripTrailing());
        }
        return out;
    }
}
