package io.migrun.internal.dialect

import io.migrun.support.FreshDatabase
import io.migrun.support.TestPostgres

import java.sql.Connection
import java.sql.DriverManager

/** {@link PostgresDialect} keeps the dialect contract on the specs' PostgreSQL, connected as the superuser. */
class PostgresDialectSpec extends DialectContract {

    FreshDatabase db = TestPostgres.fresh()

    @Override
    Dialect dialect() {
        new PostgresDialect()
    }

    @Override
    Connection connect() {
        DriverManager.getConnection(db.url + '?user=postgres')
    }

    @Override
    String otherRole() {
        TestPostgres.APP_USER
    }

    @Override
    String sleepSql() {
        'SELECT pg_sleep(?)'
    }

    @Override
    void analyze(Connection c, String table) {
        exec(c, 'ANALYZE ' + table)
    }
}
