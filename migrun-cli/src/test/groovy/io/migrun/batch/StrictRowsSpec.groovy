package io.migrun.batch

import io.migrun.support.DatabaseSpecification

import java.nio.file.Files

/** Rows handed to batch blocks are strict about their columns and match names as sql.firstRow does. */
class StrictRowsSpec extends DatabaseSpecification {

    static final String MISSING = "row has no column 'nmae'; its columns are: id, name, email"

    def users() {
        folder.write('V1__users.sql', '''\
            CREATE TABLE users (id int PRIMARY KEY, name text, email text);
            INSERT INTO users SELECT g, 'User ' || g, 'user' || g || '@example.com' FROM generate_series(1, 5) g;
            CREATE TABLE copied (id int, name text);
            ''')
    }

    def "a #helper block that reads a column its row does not have fails naming the column and the row's columns"() {
        given:
        users()
        folder.write('V2__typo.groovy', script)
        Files.createDirectories(dir.resolve('scripts'))
        dir.resolve('scripts/typo.groovy').text = "run {\n    eachBatch('users') { rows -> rows.each { sql.execute 'INSERT INTO copied VALUES (?, ?)', [it.id, it.nmae] } }\n}\n"
        if (command[0] != 'up') {
            assert migrun('up').exitCode == 0
        }

        when:
        def r = migrun(command as String[])

        then:
        r.exitCode == 1
        r.err.contains("${file}:${line}: ${MISSING} (${where})")
        db.value('SELECT count(*) FROM copied') == 0
        db.value('SELECT count(*) FROM users WHERE name IS NULL') == 0

        where:
        helper             | command             | file              | line | where
        'eachBatch'        | ['up']              | 'V2__typo.groovy' | 3    | 'eachBatch users, batch after the start'
        'backfill'         | ['up']              | 'V2__typo.groovy' | 3    | 'backfill users, row id=1'
        'down backfill'    | ['down']            | 'V2__typo.groovy' | 5    | 'backfill users, row id=1'
        'ad-hoc eachBatch' | ['run', 'typo']     | 'typo.groovy'     | 2    | 'eachBatch users, batch after the start'

        script << [
                '''\
                up {
                    eachBatch('users') { rows ->
                        rows.each { sql.execute 'INSERT INTO copied VALUES (?, ?)', [it.id, it.nmae] }
                    }
                }
                ''',
                '''\
                up {
                    backfill('users') { u ->
                        [name: u.nmae]
                    }
                }
                ''',
                '''\
                up {
                }
                down {
                    backfill('users') { u ->
                        [name: u.nmae]
                    }
                }
                ''',
                'up { }\n']
    }

    def "up --retry-errors reads the failed rows as strictly"() {
        given: 'row 2 fails, then the column the block reads is renamed'
        users()
        folder.write('V2__fragile.groovy', '''\
            up {
                backfill('users', onError: 'skip') { u ->
                    if (u.id == 2 && !sql.firstRow("SELECT to_regclass('let_it_pass') AS t").t) throw new IllegalStateException('not yet')
                    [email: u.name.toLowerCase()]
                }
            }
            ''')
        assert migrun('up').exitCode == 0
        db.sql { it.execute 'ALTER TABLE users RENAME COLUMN name TO full_name; CREATE TABLE let_it_pass ()' }

        when:
        def r = migrun('up', '--retry-errors', '2')

        then:
        r.exitCode == 1
        db.value('SELECT error FROM _migrationerrors') ==
                "V2__fragile.groovy:4: row has no column 'name'; its columns are: id, full_name, email"
        db.value('SELECT email FROM users WHERE id = 2') == 'user2@example.com'
    }

    def "rows find a quoted mixed-case column as sql.firstRow does, keep its name, and a backfill writes it back by that name"() {
        given:
        folder.write('V1__people.sql', '''\
            CREATE TABLE people ("personId" int PRIMARY KEY, "displayName" text, "createdAt" date, note text);
            INSERT INTO people VALUES (1, 'ada', '2026-01-02', NULL), (2, 'grace', '2026-03-04', NULL);
            CREATE TABLE seen (id int, columns text, created date, same boolean);
            ''')
              .write('V2__names.groovy', '''\
            up {
                eachBatch('people', key: 'personId') { rows ->
                    rows.each { p ->
                        def byFirstRow = sql.firstRow('SELECT * FROM people WHERE "personId" = ?', [p.personId])
                        sql.execute 'INSERT INTO seen VALUES (?, ?, ?, ?)', [p.PERSONID, p.keySet().join(','), p.createdAt, byFirstRow.createdAt == p.createdat]
                    }
                }
                backfill('people', key: 'personId') { p ->
                    [displayName: p.displayname.toUpperCase(), NOTE: "${p.createdAt} ${p.DisplayName}".toString()]
                }
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.rows('SELECT * FROM seen ORDER BY id') == [
                [id: 1, columns: 'personId,displayName,createdAt,note', created: java.sql.Date.valueOf('2026-01-02'), same: true],
                [id: 2, columns: 'personId,displayName,createdAt,note', created: java.sql.Date.valueOf('2026-03-04'), same: true]]
        db.rows('SELECT "displayName" AS name, note FROM people ORDER BY 1') == [[name: 'ADA', note: '2026-01-02 ada'], [name: 'GRACE', note: '2026-03-04 grace']]
    }
}
