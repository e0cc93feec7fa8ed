package io.migrun.internal.apply;

import io.migrun.internal.history.HistoryStore;
import io.migrun.internal.history.NewRun;
import io.migrun.internal.history.RunKind;
import io.migrun.internal.history.RunState;
import io.migrun.internal.json.Json;
import io.migrun.internal.load.ResolvedScript;

import java.sql.Connection;
import java.time.Instant;
import java.util.Map;

/**
 * The expand half of expand/contract: a migration with {@code cleanupAfter} and {@code cleanup { }}
 * is recorded, with its success, as awaiting its cleanup, which {@code migrun cleanup} runs later.
 */
public final class CleanupSchedule {

    private CleanupSchedule() {
    }

    /** Records, with a migration's success, that its cleanup waits; nothing for a migration without one. */
    public static void record(HistoryStore history, Connection c, ResolvedScript script, PreparedMigration m) {
        if (m.cleanup() == null) {
            return;
        }
        Instant eligible = Instant.now().plus(m.cleanupAfter());
        history.record(c, new NewRun(script.version().toString(), m.description(), script.name(), RunKind.CLEANUP, script.checksum(), m.transactional()),
                RunState.AWAITING, Json.write(Map.of("eligibleAt", eligible.toString(), "after", m.cleanupAfter().toString())));
    }
}
