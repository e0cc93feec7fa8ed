package io.migrun;

import java.util.Optional;

/**
 * A migration failed while running, or an earlier non-transactional failure blocks further work
 * (exit code 1). Carries the version and script involved; the message names the script's
 * {@code file:line} where one is known.
 */
public class MigrationFailedException extends MigrunException {

    private static final long serialVersionUID = 1L;

    private final String version;
    private final String script;

    public MigrationFailedException(String version, String script, String message, Throwable cause) {
        super(message, cause);
        this.version = version;
        this.script = script;
    }

    public Optional<String> findVersion() {
        return Optional.ofNullable(version);
    }

    public Optional<String> findScript() {
        return Optional.ofNullable(script);
    }
}
