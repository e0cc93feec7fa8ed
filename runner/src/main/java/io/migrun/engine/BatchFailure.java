package io.migrun.engine;

/** A batch failed under {@code onError: 'fail'}; says which walk and which row or batch, around the script's own error. */
final class BatchFailure extends RuntimeException {

    private final String where;

    BatchFailure(String where, Throwable cause) {
        super(where + ": " + cause.getMessage(), cause, false, false);
        this.where = where;
    }

    String where() {
        return where;
    }
}
