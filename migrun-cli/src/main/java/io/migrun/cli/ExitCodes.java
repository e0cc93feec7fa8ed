package io.migrun.cli;

import io.migrun.MigrationInfo;
import io.migrun.MigrationState;
import io.migrun.MigrunException;
import io.migrun.StatusResult;

import java.util.List;

/** The documented exit codes. */
final class ExitCodes {

    static final int OK = 0;
    static final int MIGRATION_FAILED = 1;
    static final int USAGE = 2;
    static final int VALIDATION = 3;
    static final int LOCK = 4;
    /** Only from {@code status --exit-code}: nothing failed, but migrations are pending or not finished. */
    static final int PENDING = 5;
    /** Only from {@code lint}: a rule fired on a statement (statements it could not read alone do not count). */
    static final int LINT = 6;

    private ExitCodes() {
    }

    /**
     * What {@code status --exit-code} exits with: a failed or partial migration first (as {@code up}
     * would stop with 1), then a changed or missing applied script (as {@code validate} would stop
     * with 3), then work left for {@code up} (pending, running, interrupted, paused, cancelled).
     */
    static int of(StatusResult status) {
        List<MigrationInfo> all = status.migrations();
        if (all.stream().anyMatch(m -> m.state() == MigrationState.FAILED || m.state() == MigrationState.PARTIAL)) {
            return MIGRATION_FAILED;
        }
        if (all.stream().anyMatch(m -> m.state() == MigrationState.MISSING || "changed".equals(m.checksum()))) {
            return VALIDATION;
        }
        return status.upToDate() ? OK : PENDING;
    }

    static int of(Throwable e) {
        return e instanceof MigrunException m ? m.exitCode() : MIGRATION_FAILED;
    }
}
