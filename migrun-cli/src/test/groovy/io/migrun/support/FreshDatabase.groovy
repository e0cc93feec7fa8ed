package io.migrun.support

import groovy.sql.Sql

/** A spec's own database; {@link #url} carries no credentials, {@link #sql} connects as superuser for checks. */
class FreshDatabase {

    final String name
    final String url

    FreshDatabase(String name, String url) {
        this.name = name
        this.url = url
    }

    /** Runs checks as the superuser. */
    def <T> T sql(Closure<T> work) {
        TestPostgres.withSql(url + '?user=postgres', work)
    }

    List<Map> rows(String query) {
        sql { Sql s -> s.rows(query).collect { new LinkedHashMap(it) } }
    }

    Object value(String query) {
        sql { Sql s -> s.firstRow(query)?.values()?.first() }
    }

    /** The environment that points migrun at this database as the password-protected role. */
    Map<String, String> env() {
        [MIGRUN_URL: url, MIGRUN_USER: TestPostgres.APP_USER, MIGRUN_PASSWORD: TestPostgres.APP_PASSWORD]
    }
}
