package io.migrun.internal.session;

/** A batch failed under {@code onError: 'fail'}; says which walk and which row or batch, around the script's own error. */
public final class BatchFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String where;

    public BatchFailure(String where, Throwable cause) {
        super(where + ": " + cause.getMessage(), cause, false, false);
        this.where = where;
    }

    public String where() {
        return where;
    }
}
