package io.migrun.internal.walk;

/** The default names of walks, shared by every way a migration runs so their checkpoints and errors match. */
public final class Names {

    private Names() {
    }

    static String shortName(String source) {
        String flat = source.replaceAll("\\s+", " ").trim();
        return flat.length() <= 60 ? flat : flat.substring(0, 57) + "...";
    }
}
