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
}
