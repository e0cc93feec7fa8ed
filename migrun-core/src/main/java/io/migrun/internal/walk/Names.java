package io.migrun.internal.walk;

/** The default names of walks, shared by every way a migration runs so their checkpoints and errors match. */
public final class Names {

    private Names() {
    }

    /** The walk's {@code name:} option, or e.g. {@code backfill orders}. */
    static String of(String helper, BatchOptions options, String source) {
        return options.name() != null ? options.name() : helper + " " + shortName(source);
    }

    static String shortName(String source) {
        String flat = source.replaceAll("\\s+", " ").trim();
        return flat.length() <= 60 ? flat : flat.substring(0, 57) + "...";
    }
}
