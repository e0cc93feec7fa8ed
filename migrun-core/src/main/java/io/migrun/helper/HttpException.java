package io.migrun.helper;

import io.migrun.MigrunException;

/** An HTTP call that failed for good: the message names the method, the URL (secrets masked), the status and the start of the body. */
public class HttpException extends MigrunException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The last response's status, or 0 when no response came. */
    public int status() {
        return status;
    }
}
