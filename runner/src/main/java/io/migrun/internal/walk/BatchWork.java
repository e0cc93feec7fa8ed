package io.migrun.internal.walk;

import io.migrun.helper.Page;

import java.sql.SQLException;

/** The work of one batch of a resumable walk, given the rate to record with its checkpoint. */
@FunctionalInterface
public interface BatchWork {

    Done apply(Page page, String name, Double rate, WriteBehind writes) throws SQLException;

    /** How many rows a batch's work left unchanged as failed, and whether its write already committed (or is committing) its checkpoint. */
    record Done(int failed, boolean committed) {
        static final Done COMMITTED = new Done(0, true);

        static Done written(int failed) {
            return new Done(failed, false);
        }
    }

    /** The batch's work cannot go on in its transaction (a row's statement failed it under onError 'skip'): roll back and run the batch again. */
    final class RunAgain extends RuntimeException {
        RunAgain(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** A batch write sent in the background failed; the walk goes back to its last checkpoint. */
    final class EarlierWriteFailed extends RuntimeException {
        EarlierWriteFailed(Exception cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
