package io.migrun.lifecycle

import io.migrun.support.DatabaseSpecification

import java.nio.file.Files
import java.nio.file.Path

/** The project's own migrations/ and scripts/ folders, through their whole lifecycle. */
class ExamplesSpec extends DatabaseSpecification {

    static final Path ROOT = Path.of(System.getProperty('basedir', '.')).resolve('..').normalize()

    def setup() {
        Files.list(ROOT.resolve('migrations')).each { Files.copy(it, folder.migrations.resolve(it.fileName)) }
        Files.createDirectories(dir.resolve('scripts'))
        Files.list(ROOT.resolve('scripts')).each { Files.copy(it, dir.resolve('scripts').resolve(it.fileName)) }
    }

    def "the examples apply, verify, take arguments, clean up and go down again"() {
        when:
        def up = migrun('up')
        def verify = migrun('verify')
        def email = db.value('SELECT email FROM users ORDER BY id LIMIT 1')
        def grant = migrun('run', 'grant_credits', '--arg', "email=${email}", '--arg', 'credits=2.50', '--arg', 'reason=support ticket 42')
        def report = migrun('run', 'credit_report')
        def waiting = migrun('cleanup')
        def down = migrun('down', '--to', '2')
        def restored = db.value('SELECT email FROM users ORDER BY id LIMIT 1')
        def again = migrun('up')
        def cleanup = migrun('cleanup', '5', '--force')

        then:
        up.exitCode == 0
        up.out.contains('Applied repeatable R__user_credit_summary.sql')
        verify.exitCode == 0
        verify.out.endsWith('Verified 2 migrations: all expectations hold.\n')
        grant.exitCode == 0
        grant.out.contains('Result: {"updated":1,"credits":')
        report.exitCode == 0
        report.out.contains('Result: {"users":')
        waiting.out.contains('V5 Move message content into typed parts: awaiting cleanup, eligible on ')
        down.exitCode == 0
        down.out.readLines().findAll { it.startsWith('Undid V') }*.replaceAll(/ \(\d+ ms\)/, '') == ['Undid V5 Move message content into typed parts',
                'Undid V4 Index messages by thread and time without blocking writes', 'Undid V3 Lower-case and trim user emails']
        restored == ' Ada@Example.com'
        again.exitCode == 0
        again.out.contains('Applied 3 migrations, now at version 5')
        cleanup.exitCode == 0
        db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'messages' AND column_name = 'content'") == 0
        db.value("SELECT count(*) FROM messages WHERE parts IS NULL") == 0
    }
}
