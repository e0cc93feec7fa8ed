package io.migrun.lifecycle

import io.migrun.support.DatabaseSpecification

class VerifySpec extends DatabaseSpecification {

    def setup() {
        folder.write('V1__chat.sql', '''\
                CREATE TABLE users (id int PRIMARY KEY);
                CREATE TABLE threads (id int PRIMARY KEY, user_id int);
                INSERT INTO users VALUES (1), (2);
                INSERT INTO threads VALUES (10, 1), (11, 2), (12, NULL);
                ''')
    }

    def "verify runs after up inside its transaction; a failed expectation keeps nothing and names the numbers"() {
        given:
        folder.write('V2__drop_user.groovy', '''\
                up { sql.execute 'DELETE FROM users WHERE id = 2' }
                verify {
                    expect 'users remain', count('users') > 0
                    expect 'no thread points to a missing user', orphans(child: 'threads', column: 'user_id', parent: 'users') == 0
                    expect 'two users', count('users'), 2
                }
                ''')

        when:
        def r = migrun('up')

        then:
        r.exitCode == 1
        r.err == '''\
            ERROR: Migration V2 (V2__drop_user.groovy) failed:
              V2__drop_user.groovy: verify failed: 2 expectations did not hold:
                - no thread points to a missing user (observed: orphans(threads.user_id -> users.id) = 1)
                - two users (observed: count(users) = 1, expected 2, found 1)
            Its transaction was rolled back, so nothing of it was applied. Fix the script and run migrun up again.
            '''.stripIndent()
        db.value('SELECT count(*) FROM users') == 2
        db.value("SELECT state FROM _migrationLog WHERE version = '2'") == 'failed'
    }

    def "a verify that holds lets up succeed, and migrun verify runs it again on demand"() {
        given:
        folder.write('V2__threads_need_users.groovy', '''\
                up { sql.execute 'DELETE FROM threads WHERE user_id IS NULL' }
                verify {
                    expect 'every thread has a user', count('threads', 'user_id IS NULL') == 0
                    expect 'no orphan threads', orphans(child: 'threads', column: 'user_id', parent: 'users') == 0
                }
                ''')

        when:
        def up = migrun('up')
        def ok = migrun('verify')
        db.sql { it.execute('INSERT INTO threads VALUES (13, 99)') }
        def bad = migrun('verify', '2')

        then:
        up.exitCode == 0
        ok.exitCode == 0
        ok.out == '''\
            ok     V2 threads need users
                     ok: every thread has a user
                     ok: no orphan threads
            Verified 1 migration: all expectations hold.
            '''.stripIndent()
        bad.exitCode == 1
        bad.out == '''\
            FAILED V2 threads need users
                     failed: no orphan threads (observed: orphans(threads.user_id -> users.id) = 1)
            Verified 1 migration: 1 failed.
            '''.stripIndent()
        db.value('SELECT count(*) FROM threads') == 3
    }

    def "a verify that throws rather than returns fails the run and is reported by migrun verify"() {
        given:
        folder.write('V2__broken_check.groovy', '''\
                up { sql.execute 'UPDATE users SET id = id' }
                verify {
                    expect 'counts', count('no_such_table') == 0
                }
                ''')

        when:
        def up = migrun('up')

        then:
        up.exitCode == 1
        up.err.startsWith('ERROR: Migration V2 (V2__broken_check.groovy) failed:\n  V2__broken_check.groovy:3: ERROR: relation "no_such_table" does not exist')
        db.value("SELECT state FROM _migrationLog WHERE version = '2'") == 'failed'
    }

    def "migrun verify of a migration without a verify block, or one not applied, is a usage error"() {
        given:
        folder.write('V2__plain.groovy', 'up { }')
              .write('V3__later.groovy', 'up { }\nverify { expect "x", true }')
        migrun('up', '--target', '2')

        when:
        def none = migrun('verify', '2')
        def pending = migrun('verify', '3')

        then:
        none.exitCode == 2
        none.err == 'ERROR: V2 (V2__plain.groovy) declares no verify { } block.\n'
        pending.exitCode == 2
        pending.err == 'ERROR: V3 is pending; migrun verify checks applied migrations.\n'
    }
}
