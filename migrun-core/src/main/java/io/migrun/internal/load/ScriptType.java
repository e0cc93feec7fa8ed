package io.migrun.internal.load;

/** The language a migration is written in, taken from its file extension. */
public enum ScriptType {
    GROOVY, SQL
}
