package io.migrun.internal.walk;

import io.migrun.MigrunException;
import io.migrun.helper.Cursor;
import io.migrun.internal.history.Checkpoint;
import io.migrun.internal.history.ProgressStore;
import io.migrun.internal.json.Json;
import io.migrun.internal.session.Transactions;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a walk's checkpoint says: where a resumed walk goes on, and how a row's key is recorded. */
public final class WalkCheckpoints {

    private WalkCheckpoints() {
    }

    /** The cursor a walk resumes after: the checkpoint's, or {@code start} when it has none; refused when the key changed. */
    static Cursor resumeAt(Cursor start, Checkpoint cp, String name) {
        if (cp == null || cp.cursor() == null) {
            return start;
        }
        Cursor saved;
        try {
            saved = Cursor.parse(cp.cursor());
        } catch (IllegalArgumentException e) {
            throw new MigrunException("the checkpoint of '" + name + "' cannot be read: " + e.getMessage(), e);
        }
        if (!saved.columns().equals(start.columns())) {
            throw new MigrunException("the checkpoint of '" + name + "' was kept for the key " + saved.columns()
                    + ", not " + start.columns() + "; keep the key of a walk that has started");
        }
        return saved;
    }

    /** The walk's checkpoint as committed, read outside any transaction. */
    static Optional<Checkpoint> committed(ProgressStore progress, Connection c, String version, String name) {
        Transactions.autoCommitQuietly(c);
        return progress.checkpoints(c, version).stream().filter(cp -> cp.step().equals(name)).findFirst();
    }

    /** The cursor as committed, read back after a failure whose commit outcome is unknown; {@code fallback} when there is none or it cannot be read. */
    static Cursor committedCursor(ProgressStore progress, Connection c, String version, String name, Cursor fallback) {
        try {
            return committed(progress, c, version, name).filter(cp -> cp.cursor() != null).map(cp -> Cursor.parse(cp.cursor())).orElse(fallback);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    /** Where a walk is, in messages: {@code id=42}, or {@code the start} before the first row. */
    static String position(Cursor cursor) {
        return cursor == null || cursor.values().stream().allMatch(v -> v == null) ? "the start" : cursor.describe();
    }

    /** A row's key as recorded with its error, e.g. {"id":"42"}. */
    static String keyJson(List<String> columns, List<String> values) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            m.put(columns.get(i), values.get(i));
        }
        return Json.write(m);
    }
}
