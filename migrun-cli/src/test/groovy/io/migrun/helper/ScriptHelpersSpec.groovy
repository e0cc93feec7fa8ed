package io.migrun.helper

import io.migrun.support.Cli
import io.migrun.support.DatabaseSpecification
import io.migrun.support.FreshDatabase
import io.migrun.support.TestPostgres

class ScriptHelpersSpec extends DatabaseSpecification {

    static final String KEY = Base64.encoder.encodeToString((0..<32).collect { (it * 5 + 1) as byte } as byte[])

    def "json values bind as jsonb and jsonb columns arrive as maps, decimals, dates and nulls exactly"() {
        given:
        folder.write('V1__docs.sql', 'CREATE TABLE docs (id int PRIMARY KEY, meta jsonb, raw json)')
              .write('V2__json.groovy', '''\
            up {
                step('insert') {
                    def meta = [price: 12.50G, at: '2026-11-21T10:00:00Z', none: null, tags: ['a', 'b'], n: 3]
                    sql.execute 'INSERT INTO docs VALUES (1, ?, ?::json)', [json(meta), json.write([x: 1])]
                    def back = sql.firstRow('SELECT meta, raw FROM docs WHERE id = 1')
                    assert back.meta == meta
                    assert back.meta.price.toPlainString() == '12.50'
                    assert back.raw == [x: 1]
                    assert json.parse('{"a": 1.10}').a.toPlainString() == '1.10'
                }
                backfill('docs') { d -> [meta: d.meta + [seen: true]] }
                [price: sql.firstRow('SELECT meta FROM docs').meta.price.toPlainString()]
            }
            ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 0
        db.value("SELECT meta::text FROM docs") == '{"n": 3, "at": "2026-11-21T10:00:00Z", "none": null, "seen": true, "tags": ["a", "b"], "price": 12.50}'
        db.value("SELECT result::text FROM _migrationLog WHERE version = '2'") == '{"price": "12.50"}'
    }

    def "ids map source ids to target ids in the batch's transaction: a failed batch leaves no mapping"() {
        given:
        folder.write('V1__users.sql', 'CREATE TABLE users (id int PRIMARY KEY); INSERT INTO users SELECT g FROM generate_series(1, 6) g;')
              .write('V2__map.groovy', '''\
            up {
                eachBatch('users', batchSize: 3) { rows ->
                    rows.each { ids.put('users', it.id, "u_${it.id}") }
                    if (rows[0].id == 4 && sql.firstRow("SELECT to_regclass('let_it_pass') IS NULL AS closed").closed) {
                        throw new IllegalStateException('second batch fails until let_it_pass exists')
                    }
                }
                ids.put('users', 1, 'u_1')
                assert ids.get('users', 2) == 'u_2'
                assert ids.find('users', 99).isEmpty()
                assert ids.getAll('users', [3, 1]) == ['3': 'u_3', '1': 'u_1']
                ids.get('users', 99)
            }
            ''')

        when:
        def failed = migrun('up')

        then:
        failed.exitCode == 1
        db.value('SELECT count(*) FROM _migrationidmap') == 3

        when:
        db.sql { it.execute 'CREATE TABLE let_it_pass ()' }
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err.contains("V2__map.groovy:12: ids: no users mapping for source id 99; map it first with ids.put('users', source, target), or check the order of the move")
        db.rows('SELECT namespace, source_id, target_id FROM _migrationidmap ORDER BY source_id') ==
                (1..6).collect { [namespace: 'users', source_id: "${it}".toString(), target_id: "u_${it}".toString()] }
    }

    def "db('name') reaches a datasource of migrun.yml, and eachBatch walks its tables into this database"() {
        given:
        FreshDatabase legacy = TestPostgres.fresh()
        legacy.sql { it.execute "CREATE TABLE users (id int PRIMARY KEY, name text); INSERT INTO users SELECT g, 'user ' || g FROM generate_series(1, 25) g; GRANT SELECT ON users TO app" }
        dir.resolve('migrun.yml').text = """\
            datasources:
              legacy:
                url: ${legacy.url}
                user: app
                password: \${LEGACY_PASSWORD}
            """.stripIndent()
        folder.write('V1__people.sql', 'CREATE TABLE people (legacy_id int PRIMARY KEY, name text)')
              .write('V2__copy.groovy', '''\
            up {
                assert db('legacy').firstRow('SELECT count(*) AS n FROM users').n == 25
                eachBatch(db('legacy'), 'users', batchSize: 10) { rows ->
                    rows.each { sql.execute 'INSERT INTO people VALUES (?, ?)', [it.id, it.name] }
                }
            }
            ''')

        when:
        def r = Cli.run(dir, db.env() + [LEGACY_PASSWORD: TestPostgres.APP_PASSWORD], 'up')

        then:
        r.exitCode == 0
        db.value('SELECT count(*) FROM people') == 25
        db.value("SELECT name FROM people WHERE legacy_id = 25") == 'user 25'
        db.rows("SELECT step, processed, batches FROM _migrationcheckpoints") == [[step: 'eachBatch users', processed: 25L, batches: 3L]]
    }

    def "db('name') with a name migrun.yml does not define says which are defined"() {
        given:
        folder.write('V1__x.groovy', "up { db('legacy').rows('SELECT 1') }")

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err.contains("V1__x.groovy:1: db('legacy'): no datasource of that name; migrun.yml defines none. Add it under datasources: legacy: url: jdbc:postgresql://…")
    }

    def "crypto encrypts with the keys of MIGRUN_KEYS, and without keys says how to set them"() {
        given:
        folder.write('V1__t.sql', "CREATE TABLE accounts (id int PRIMARY KEY, api_key text); INSERT INTO accounts VALUES (1, 'sk_live_1'), (2, 'sk_live_2');")
              .write('V2__encrypt.groovy', '''\
            up {
                backfill('accounts', where: "api_key NOT LIKE 'mgr1:%'") { a -> [api_key: crypto.encrypt(a.api_key, "accounts.api_key:${a.id}")] }
            }
            ''')

        when:
        def none = migrun('up')

        then:
        none.exitCode == 1
        none.err.contains('crypto needs keys and none are set: set MIGRUN_KEYS=<id>=<base64>, or name a keys file with --keys-file or keysFile: in migrun.yml. `migrun keys generate <id>` prints a new key.')

        when:
        def r = Cli.run(dir, db.env() + [MIGRUN_KEYS: "k1=${KEY}".toString()], 'up')
        def crypto = new Crypto(Keyring.parse("k1=${KEY}", 'test'))

        then:
        r.exitCode == 0
        db.rows('SELECT id, api_key FROM accounts ORDER BY id').collect { crypto.decrypt(it.api_key, "accounts.api_key:${it.id}") } == ['sk_live_1', 'sk_live_2']
    }

    def "keys in migrun.yml are refused with the reason"() {
        given:
        dir.resolve('migrun.yml').text = "keys: k1=${KEY}\n"

        when:
        def r = migrun('status')

        then:
        r.exitCode == 2
        r.err == 'ERROR: migrun.yml: keys are never read from migrun.yml, where they would sit in plain text. Set MIGRUN_KEYS, or name a keys file with keysFile: or --keys-file (lines from `migrun keys generate <id>`).\n'
    }

    def "migrun keys generate prints a keyring line, and refuses an unusable id"() {
        when:
        def ok = migrun('keys', 'generate', 'k2026')
        def bad = migrun('keys', 'generate', 'no spaces')

        then:
        ok.exitCode == 0
        ok.out ==~ /k2026=[A-Za-z0-9+\/]{43}=\n/
        bad.exitCode == 2
        bad.err == "ERROR: The key id 'no spaces' is not usable: use 1 to 32 letters, digits, '_' or '-'.\n"
    }
}
