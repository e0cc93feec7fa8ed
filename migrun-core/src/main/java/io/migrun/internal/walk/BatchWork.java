package io.migrun.internal.walk;

import groovy.lang.Closure;
import io.migrun.helper.Cursor;
import io.migrun.helper.Page;

import java.sql.SQLException;

/** The work of one batch of a resumable walk: the block over the page's rows, and their write. */
@FunctionalInterface
interface BatchWork {

    /**
     * @param after where the batch starts, as committed
     * @param rate  the walk's rows per second on this run, to record with the checkpoint, or null before it is known
     */
    Done apply(Page page, Cursor after, Double rate, WriteBehind writes) throws SQLException;

    /** What the batch's work did, and so what the batch does next. */
    sealed interface Done {

        /** Wrote in the batch's transaction, leaving {@code failed} rows unchanged; the walk commits it with the checkpoint. */
        record Written(int failed) implements Done {
        }

        /** The write commits itself together with the checkpoint, or is committing it in the background. */
        record CommitsItself() implements Done {
        }

        /**
         * A row's statement failed the batch's transaction under onError 'skip': roll back and run
         * the batch again, which the work then does with a savepoint per row. Not a failed attempt.
         */
        record RunAgain() implements Done {
        }

        /** eachBatch's block failed under onError 'skip': roll back and narrow the batch down to its failing rows, running {@code body} on them. */
        record Skipped(Throwable cause, Closure<?> body) implements Done {
        }

        /** A batch write sent in the background failed; the walk goes back to its last checkpoint. */
        record EarlierWriteFailed(Exception cause) implements Done {
        }
    }
}
