package io.migrun;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A migration version such as {@code 7}, {@code 1.2} or {@code 20261121093000}. Versions compare
 * numerically part by part ({@code 2 < 10}, {@code 1.1 < 1.2}); missing trailing parts count as
 * zero, so {@code 1} and {@code 1.0} are the same version. Immutable.
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {

    private static final Pattern FORM = Pattern.compile("\\d+(\\.\\d+)*");

    private final String text;
    private final List<BigInteger> parts;

    private MigrationVersion(String text, List<BigInteger> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** The version an embedder passed to {@code Migrun.method} as text, or a usage error that names the method and argument. */
    static MigrationVersion argument(String method, String argument, String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid argument '" + argument + "' of Migrun." + method + ": " + e.getMessage() + ".");
        }
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} naming the text when it is not digits separated by dots. */
    public static MigrationVersion parse(String text) {
        if (text == null || !FORM.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a version: expected digits separated by dots, such as 7, 1.2 or 20261121093000");
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String p : text.split("\\.")) {
            parts.add(new BigInteger(p));
        }
        int end = parts.size();
        while (end > 1 && parts.get(end - 1).signum() == 0) {
            end--;
        }
        return new MigrationVersion(text, List.copyOf(parts.subList(0, end)));
    }

    public static boolean isValid(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    /** The leading part, used to number the next migration. */
    public BigInteger major() {
        return parts.get(0);
    }

    @Override
    public int compareTo(MigrationVersion other) {
        int n = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < n; i++) {
            BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger b = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigrationVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    /** The version as written in the file name. */
    @Override
    public String toString() {
        return text;
    }
}
