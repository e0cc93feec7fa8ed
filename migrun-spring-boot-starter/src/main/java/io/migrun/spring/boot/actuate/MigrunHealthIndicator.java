package io.migrun.spring.boot.actuate;

import io.migrun.MigrationInfo;
import io.migrun.MigrationState;
import io.migrun.Migrun;
import io.migrun.StatusResult;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.util.List;
import java.util.function.Predicate;

/**
 * The {@code migrun} health: DOWN when a migration failed (failed, partial) or awaits repair (its
 * applied file changed or is missing), and, with {@code migrun.health.pending-down=true}, while
 * migrations are pending; UP otherwise. Details: the current version, the pending count and the
 * migrations at fault. A database that cannot be read is DOWN with the error.
 */
public class MigrunHealthIndicator extends AbstractHealthIndicator {

    private final Migrun migrun;
    private final boolean pendingDown;

    public MigrunHealthIndicator(Migrun migrun, boolean pendingDown) {
        super("migrun status could not be read");
        this.migrun = migrun;
        this.pendingDown = pendingDown;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        StatusResult status;
        // a Migrun runs one command at a time, and requests (health probes, the endpoint) come on many threads
        synchronized (migrun) {
            status = migrun.status();
        }
        List<String> failed = scripts(status, this::failed);
        List<String> repair = scripts(status, this::awaitsRepair);
        boolean down = !failed.isEmpty() || !repair.isEmpty() || (pendingDown && status.pendingCount() > 0);
        (down ? builder.down() : builder.up())
                .withDetail("currentVersion", String.valueOf(status.currentVersion()))
                .withDetail("pendingCount", status.pendingCount());
        if (!failed.isEmpty()) {
            builder.withDetail("failed", failed);
        }
        if (!repair.isEmpty()) {
            builder.withDetail("awaitingRepair", repair);
        }
    }

    private boolean failed(MigrationInfo m) {
        return m.state() == MigrationState.FAILED || m.state() == MigrationState.PARTIAL;
    }

    private boolean awaitsRepair(MigrationInfo m) {
        return m.state() == MigrationState.MISSING || "changed".equals(m.checksum());
    }

    private static List<String> scripts(StatusResult status, Predicate<MigrationInfo> which) {
        return status.migrations().stream().filter(which).map(MigrationInfo::script).toList();
    }
}
