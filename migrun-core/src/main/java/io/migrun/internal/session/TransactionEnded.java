package io.migrun.internal.session;

import io.migrun.MigrunException;

import java.sql.SQLException;

/**
 * The transaction migrun opened for a run was ended by the script itself (a COMMIT or ROLLBACK
 * that got past the refusals), so the run's work may be partly committed: the run is recorded as
 * a failure that needs {@code migrun repair}, never as rolled back.
 */
public final class TransactionEnded extends MigrunException {

    private static final long serialVersionUID = 1L;

    private static final String WHAT = "the script ended the transaction migrun ran it in (a COMMIT or ROLLBACK that migrun could not refuse), "
            + "so what it did before that may be committed while the rest was not. Remove transaction control from the script, "
            + "or declare `transaction false` to manage transactions yourself";

    public TransactionEnded() {
        super(WHAT);
    }

    /** The script ended the transaction and then failed with {@code cause}. */
    public TransactionEnded(Throwable cause) {
        super(WHAT + ". After that it failed: " + (cause instanceof SQLException || cause instanceof MigrunException
                ? cause.getMessage() : cause.getClass().getName() + ": " + cause.getMessage()), cause);
    }
}
