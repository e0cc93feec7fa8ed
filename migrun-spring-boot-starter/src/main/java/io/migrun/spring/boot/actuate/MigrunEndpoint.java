package io.migrun.spring.boot.actuate;

import io.migrun.MigrationInfo;
import io.migrun.Migrun;
import io.migrun.StatusResult;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.time.Instant;
import java.util.List;

/**
 * The {@code migrun} Actuator endpoint ({@code /actuator/migrun} once exposed): what
 * {@code migrun status} shows, read from the database on each call.
 */
@Endpoint(id = "migrun")
public class MigrunEndpoint {

    private final Migrun migrun;

    public MigrunEndpoint(Migrun migrun) {
        this.migrun = migrun;
    }

    @ReadOperation
    public Status status() {
        StatusResult status;
        // a Migrun runs one command at a time, and requests (health probes, the endpoint) come on many threads
        synchronized (migrun) {
            status = migrun.status();
        }
        List<Migration> migrations = status.migrations().stream().map(Migration::of).toList();
        return new Status(status.database(), status.currentVersion(), status.pendingCount(), migrations);
    }

    /**
     * The endpoint's answer.
     *
     * @param database       the masked URL of the database
     * @param currentVersion the newest applied version, or null
     * @param pendingCount   how many scripts {@code migrun up} would run
     * @param migrations     one entry per version, then the repeatable scripts
     */
    public record Status(String database, String currentVersion, long pendingCount, List<Migration> migrations) {
    }

    /**
     * One migration of {@link Status}.
     *
     * @param version     the version, or null for a repeatable script
     * @param description its description
     * @param script      the file name relative to the migrations folder
     * @param state       as {@code migrun status} names it: pending, succeeded, failed, partial, ...
     * @param checksum    {@code ok}, {@code changed}, or null when there is nothing to compare
     * @param appliedAt   when its last attempt started, or null
     * @param error       the error of a failed last attempt, or null
     */
    public record Migration(String version, String description, String script, String state, String checksum,
                            Instant appliedAt, String error) {

        static Migration of(MigrationInfo m) {
            return new Migration(m.version(), m.description(), m.script(), m.state().label(), m.checksum(),
                    m.appliedAt(), m.error());
        }
    }
}
