package io.migrun.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints rows as left-aligned columns sized to their widest cell. */
final class Table {

    private Table() {
    }

    static void print(PrintStream out, List<String[]> rows) {
        lines(rows).forEach(out::println);
    }

    static List<String> lines(List<String[]> rows) {
        List<String> out = new ArrayList<>();
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
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
