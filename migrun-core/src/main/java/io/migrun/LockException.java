package io.migrun;

/** The migration lock could not be taken in time; the message names the holder (exit code 4). */
public class LockException extends MigrunException {

    private static final long serialVersionUID = 1L;

    public LockException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return 4;
    }
}
