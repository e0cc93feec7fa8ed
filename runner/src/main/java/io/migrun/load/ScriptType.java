package io.migrun.load;

/** The language a migration is written in, taken from its file extension. */
public enum ScriptType {
    GROOVY, SQL
}
