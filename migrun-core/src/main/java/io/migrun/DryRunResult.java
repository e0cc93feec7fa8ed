package io.migrun;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a dry run did before it rolled everything back.
 *
 * @param migrations the migrations it ran, in order
 * @param refused    why it stopped before a migration it cannot undo, or null
 */
public record DryRunResult(List<Migration> migrations, String refused) {

    public DryRunResult {
        migrations = List.copyOf(migrations);
    }

    /**
     * One migration's effect inside the dry run.
     *
     * @param changes rows inserted, updated and deleted per table
     * @param walks   how far each batched walk went, e.g. {@code messages: the first 1,000 rows}
     * @param samples a few rows a backfill changed, before and after
     * @param result  what its {@code up} returned, as JSON, or null
     */
    public record Migration(String version, String description, List<TableChanges> changes, List<String> walks,
                            List<Sample> samples, String result) {

        public Migration {
            changes = List.copyOf(changes);
            walks = List.copyOf(walks);
            samples = List.copyOf(samples);
        }
    }

    /** Row counts of one table, from PostgreSQL's per-transaction statistics. */
    public record TableChanges(String table, long inserted, long updated, long deleted) {
    }

    /** One changed row: its key and the changed columns before and after. */
    public record Sample(String table, String key, Map<String, Object> before, Map<String, Object> after) {
        public Sample {
            before = Collections.unmodifiableMap(new LinkedHashMap<>(before));
            after = Collections.unmodifiableMap(new LinkedHashMap<>(after));
        }
    }
}
