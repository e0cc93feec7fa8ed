package io.migrun;

/**
 * The root of every failure migrun reports. Unchecked; each subclass stands for one failure area
 * and maps to one CLI exit code. Messages say what was found, what was expected and how to fix it,
 * and never contain passwords or keys.
 */
public class MigrunException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MigrunException(String message) {
        super(message);
    }

    public MigrunException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The exit code of this failure, the same wherever migrun runs (the CLI, the Maven plugin, a
     * Spring Boot init job): 1 here and for {@link MigrationFailedException}, 2 for
     * {@link ConfigurationException}, 3 for {@link ValidationException}, 4 for {@link LockException}.
     */
    public int exitCode() {
        return 1;
    }
}
