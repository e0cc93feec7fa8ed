package io.migrun.cli;

import io.migrun.ConfigurationException;
import io.migrun.LockException;
import io.migrun.ValidationException;

/** The documented exit codes. */
final class ExitCodes {

    static final int OK = 0;
    static final int MIGRATION_FAILED = 1;
    static final int USAGE = 2;
    static final int VALIDATION = 3;
    static final int LOCK = 4;

    private ExitCodes() {
    }

    static int of(Throwable e) {
        if (e instanceof ConfigurationException) {
            return USAGE;
        }
        if (e instanceof ValidationException) {
            return VALIDATION;
        }
        if (e instanceof LockException) {
            return LOCK;
        }
        return MIGRATION_FAILED;
    }
}
