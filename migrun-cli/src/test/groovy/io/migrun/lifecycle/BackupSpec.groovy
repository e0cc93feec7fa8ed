package io.migrun.lifecycle

import io.migrun.support.DatabaseSpecification

class BackupSpec extends DatabaseSpecification {

    def setup() {
        folder.write('V1__users.sql', '''\
                CREATE TABLE users (id int PRIMARY KEY, email text, plan text);
                INSERT INTO users SELECT g, 'U' || g || '@X.COM', CASE WHEN g % 2 = 0 THEN 'free' ELSE 'paid' END FROM generate_series(1, 10) g;
                ''')
    }

    def "backup copies the table before the changes, once, even when a resumable migration is resumed"() {
        given:
        folder.write('V2__lower_emails.groovy', '''\
                up {
                    backup 'users'
                    backup 'users', where: "plan = 'free'"
                    backfill('users', batchSize: 3) { u ->
                        if (u.id == 8 && sql.firstRow("SELECT to_regclass('fail_flag') IS NOT NULL AS f").f) throw new IllegalStateException('stop at 8')
                        [email: u.email.toLowerCase()]
                    }
                }
                down {
                    sql.execute "UPDATE users u SET email = b.email FROM ${backupOf('users')} b WHERE b.id = u.id".toString()
                }
                ''')

        when:
        db.sql { it.execute('CREATE TABLE fail_flag (x int)') }
        def first = migrun('up')
        db.sql { it.execute("UPDATE users SET email = 'changed@x.com' WHERE id = 1; DROP TABLE fail_flag") }
        def second = migrun('up')

        then:
        first.exitCode == 1
        second.exitCode == 0
        db.value('SELECT count(*) FROM _backup_users_v2') == 10
        db.value('SELECT email FROM _backup_users_v2 WHERE id = 1') == 'U1@X.COM'
        db.value("SELECT email FROM users WHERE id = 2") == 'u2@x.com'

        when:
        def down = migrun('down')

        then:
        down.exitCode == 0
        db.value("SELECT email FROM users WHERE id = 2") == 'U2@X.COM'
    }

    def "migrun backups lists the backups with sizes, and --drop-older-than removes them"() {
        given:
        folder.write('V2__free_only.groovy', '''\
                up {
                    backup 'users', where: "plan = 'free'"
                    sql.execute "DELETE FROM users WHERE plan = 'free'"
                }
                ''')
        migrun('up')

        when:
        def list = migrun('backups')
        def keep = migrun('backups', '--drop-older-than', '30d')
        def drop = migrun('backups', '--drop-older-than', '0s')
        def after = migrun('backups')

        then:
        list.exitCode == 0
        list.out.readLines()[0] == 'Backup                   Of     Version  Taken (UTC)          Rows  Size'
        list.out.readLines()[1] ==~ /public\._backup_users_v2  users  V2       \d{4}-\d\d-\d\d \d\d:\d\d:\d\d  5     \d+ kB/
        keep.out == 'Dropped 0 backups older than 30d.\n'
        drop.out.readLines()[0] ==~ /Dropped public\._backup_users_v2 \(5 rows, taken .*\)/
        after.out == 'No backups.\n'
        db.value("SELECT to_regclass('_backup_users_v2') IS NULL") == true
    }
}
