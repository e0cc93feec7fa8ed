package io.migrun;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ad-hoc script that {@link Migrun#prepareScript} found, compiled and bound its arguments to,
 * ready for {@link Migrun#runScript} (prepared with {@code dryRun} false) or {@link Migrun#dryRunScript}
 * (prepared with {@code dryRun} true, which the script sees as {@code dryRun}) of the same
 * {@code Migrun} (which masks its secret arguments). Immutable and safe to hand to another thread; running it
 * does not read the file again.
 */
public final class PreparedScript {

    private final String name;
    private final String description;
    private final Map<String, Object> args;
    private final boolean readOnly;
    private final boolean dryRun;
    private final Object preparedBy;
    /** The engine's form of the script, opaque here so that the API package depends on nothing of the engine. */
    private final Object compiled;

    PreparedScript(String name, String description, Map<String, Object> args, boolean readOnly, boolean dryRun, Object preparedBy, Object compiled) {
        this.name = name;
        this.description = description;
        this.args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
        this.readOnly = readOnly;
        this.dryRun = dryRun;
        this.preparedBy = preparedBy;
        this.compiled = compiled;
    }

    /** The script's name: its path in the scripts folder, or its file name when it lies elsewhere. */
    public String name() {
        return name;
    }

    /** Its {@code description}, or words made from its file name. */
    public String description() {
        return description;
    }

    /** Its arguments as bound, in the order given, with the values of {@code secret: true} arguments masked. */
    public Map<String, Object> args() {
        return args;
    }

    /** True when the script declares {@code readOnly true}: it runs in a read-only transaction and takes no lock. */
    public boolean readOnly() {
        return readOnly;
    }

    /** True when it was prepared for {@link Migrun#dryRunScript}: the script sees {@code dryRun} true. */
    public boolean dryRun() {
        return dryRun;
    }

    /**
     * The compiled script, for the {@code Migrun} that prepared it (another one would not mask its
     * secrets) and for the kind of run it was prepared for (its code may test {@code dryRun}).
     */
    Object compiledFor(Object migrun, boolean forDryRun) {
        if (migrun != preparedBy) {
            throw new IllegalArgumentException("The script " + name + " was prepared by another Migrun; prepare it with the one that runs it.");
        }
        if (forDryRun != dryRun) {
            throw new IllegalArgumentException("The script " + name + " was prepared for " + (dryRun ? "a dry run" : "a real run")
                    + ", and its code may test dryRun; prepare it with dryRun " + forDryRun + " to " + (forDryRun ? "dry-run" : "run") + " it.");
        }
        return compiled;
    }
}
