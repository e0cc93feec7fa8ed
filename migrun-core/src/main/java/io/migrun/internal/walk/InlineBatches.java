package io.migrun.internal.walk;

import groovy.lang.Closure;
import io.migrun.DryRunResult;
import io.migrun.MigrunException;
import io.migrun.dsl.Batches;
import io.migrun.helper.BatchUpdate;
import io.migrun.helper.Cursor;
import io.migrun.helper.Keyset;
import io.migrun.helper.Page;
import io.migrun.internal.session.BatchFailure;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The batch helpers without checkpoints: everything runs on one connection inside whatever
 * transaction it has. A dry run walks only the first rows (into a transaction it rolls back);
 * {@code down}, {@code cleanup} and ad-hoc runs walk everything, in their own transaction.
 */
public final class InlineBatches implements Batches {

    private static final int SAMPLES = 3;

    private final Connection c;
    private final Long limit;
    private final List<DryRunResult.Sample> samples = new ArrayList<>();
    private final List<String> walks = new ArrayList<>();

    /** @param limit rows per walk, or null for one batch */
    public InlineBatches(Connection c, Long limit) {
        this.c = c;
        this.limit = limit;
    }

    /** Walks every row. */
    public static InlineBatches all(Connection c) {
        return new InlineBatches(c, Long.MAX_VALUE);
    }

    public List<DryRunResult.Sample> samples() {
        return samples;
    }

    public List<String> walks() {
        return walks;
    }

    @Override
    public Object step(String name, Closure<?> body) {
        return body.call();
    }

    @Override
    public void eachBatch(Map<String, Object> options, String source, Closure<?> body) {
        BatchOptions o = BatchOptions.of("eachBatch", options);
        walk(o, source, c, eachBatch(o, source, body));
    }

    @Override
    public void eachBatch(Map<String, Object> options, DataSource from, String source, Closure<?> body) {
        BatchOptions o = BatchOptions.of("eachBatch", options);
        try (Connection read = from.getConnection()) {
            walk(o, source, read, eachBatch(o, source, body));
        } catch (SQLException e) {
            throw new MigrunException(source + " cannot be read: cannot connect to its datasource: " + e.getMessage(), e);
        }
    }

    /** The block over each page; a failure names the walk and the batch. */
    private static PageWork eachBatch(BatchOptions o, String source, Closure<?> body) {
        String name = Names.of("eachBatch", o, source);
        return (page, after) -> {
            try {
                body.call(page.rows());
            } catch (Exception e) {
                throw new BatchFailure(name + ", batch after " + WalkCheckpoints.position(after), e);
            }
        };
    }

    @Override
    public void backfill(Map<String, Object> options, String table, Closure<?> body) {
        BatchOptions o = BatchOptions.of("backfill", options);
        String name = Names.of("backfill", o, table);
        BatchUpdate[] writer = new BatchUpdate[1];
        walk(o, table, c, (page, after) -> {
            if (writer[0] == null) {
                writer[0] = BatchUpdate.of(c, table, page.cursor());
            }
            List<Map<String, Object>> changes = new ArrayList<>();
            for (int i = 0; i < page.rows().size(); i++) {
                Map<String, Object> row = page.rows().get(i);
                Map<String, Object> change;
                try {
                    change = Changes.of(body.call(row));
                } catch (Exception e) {
                    throw new BatchFailure(name + ", row " + page.cursor().withValues(page.keys().get(i)).describe(), e);
                }
                changes.add(change);
                if (change != null && !change.isEmpty() && samples.size() < SAMPLES) {
                    Map<String, Object> before = new LinkedHashMap<>();
                    change.keySet().forEach(k -> before.put(k, row.containsKey(k) ? row.get(k) : null));
                    samples.add(new DryRunResult.Sample(table, page.cursor().withValues(page.keys().get(i)).describe(), before, new LinkedHashMap<>(change)));
                }
            }
            writer[0].write(c, page.keys(), changes);
        });
    }

    @Override
    public Map<String, Object> paginate(Map<String, Object> options, String query) {
        return Paging.page(c, options, query);
    }

    @FunctionalInterface
    private interface PageWork {
        void apply(Page page, Cursor after) throws SQLException;
    }

    private void walk(BatchOptions o, String source, Connection read, PageWork work) {
        long wanted = limit != null ? limit : o.batchSize();
        Keyset keyset = new Keyset(source, o.key(), o.where(), (int) Math.min(o.batchSize(), wanted));
        try {
            Cursor cursor = keyset.start(read);
            long done = 0;
            while (done < wanted) {
                Page page = keyset.next(read, cursor);
                if (page.isEmpty()) {
                    break;
                }
                work.apply(page, cursor);
                done += page.rows().size();
                cursor = page.cursor();
            }
            walks.add(source + ": the block ran over the first " + String.format(Locale.ROOT, "%,d", done) + " row" + (done == 1 ? "" : "s"));
        } catch (SQLException e) {
            throw new MigrunException("walk of " + source + " failed: " + e.getMessage(), e);
        }
    }
}
