package io.migrun;

/**
 * The migrations folder and the log disagree or the folder is malformed: misnamed files, duplicate
 * versions, changed or missing applied scripts, out-of-order versions (exit code 3). Thrown before
 * anything runs.
 */
public class ValidationException extends MigrunException {

    private static final long serialVersionUID = 1L;

    public ValidationException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return 3;
    }
}
