package io.migrun;

/**
 * The migrations folder and the log disagree or the folder is malformed: misnamed files, duplicate
 * versions, changed or missing applied scripts, out-of-order versions (exit code 3). Thrown before
 * anything runs.
 */
public class ValidationException extends MigrunException {

    public ValidationException(String message) {
        super(message);
    }
}
