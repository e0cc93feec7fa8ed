package io.migrun.internal.walk;

import io.migrun.MigrunException;
import io.migrun.helper.Connections;
import io.migrun.helper.Keyset;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Where a walk reads its rows: this database, on the work connection outside any transaction, or
 * the walk's other datasource, connected to for each use. Its pages are read ahead on a
 * connection of their own, except on this database with {@code prefetch: false}.
 */
interface Reading {

    /** Runs {@code work} where the walk reads. */
    <T> T read(Connections.Work<T> work) throws SQLException;

    /** The reader of the walk's pages. */
    PageReader pages(Keyset keyset, boolean prefetch);

    /** @param from the walk's other datasource, or null when it reads this database */
    static Reading of(WorkConnection work, DataSource from) {
        return from == null ? new Here(work) : new Elsewhere(from);
    }

    /** This database. */
    record Here(WorkConnection work) implements Reading {
        @Override
        public <T> T read(Connections.Work<T> w) throws SQLException {
            return work.outsideTransaction(w);
        }

        @Override
        public PageReader pages(Keyset keyset, boolean prefetch) {
            return prefetch ? PageReader.ahead(keyset, work::another, work) : PageReader.inline(keyset);
        }
    }

    /** Another database, from the walk's datasource. */
    record Elsewhere(DataSource from) implements Reading {
        @Override
        public <T> T read(Connections.Work<T> w) throws SQLException {
            try (Connection c = connect()) {
                return w.run(c);
            }
        }

        @Override
        public PageReader pages(Keyset keyset, boolean prefetch) {
            return PageReader.ahead(keyset, this::connect, null);
        }

        private Connection connect() {
            try {
                return from.getConnection();
            } catch (SQLException e) {
                throw new MigrunException("cannot connect to the walk's datasource: " + e.getMessage(), e);
            }
        }
    }
}
