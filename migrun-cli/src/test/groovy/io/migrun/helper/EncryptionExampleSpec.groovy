package io.migrun.helper

import io.migrun.support.Cli
import io.migrun.support.DatabaseSpecification

import java.nio.file.Files
import java.nio.file.Path

/** examples/encryption: plain-text API keys encrypted, then rotated to a new primary key. */
class EncryptionExampleSpec extends DatabaseSpecification {

    static final Path EXAMPLE = Path.of(System.getProperty('basedir', '.')).resolve('../examples/encryption/migrations').normalize()
    static final String K1 = Keyring.generate('k1')
    static final String K2 = Keyring.generate('k2')

    def setup() {
        Files.list(EXAMPLE).each { Files.copy(it, folder.migrations.resolve(it.fileName)) }
    }

    def "the keys are encrypted bound to their row and column, then re-encrypted with the new primary key"() {
        when:
        def first = Cli.run(dir, db.env() + [MIGRUN_KEYS: K1], 'up', '--target', '2')
        def crypto = new Crypto(Keyring.parse("${K2},${K1}", 'test'))

        then:
        first.exitCode == 0
        db.value("SELECT count(*) FROM api_keys WHERE openai NOT LIKE 'mgr1:k1:%' OR encrypted_at IS NULL") == 0
        db.value("SELECT count(*) FROM api_keys WHERE anthropic IS NULL") == 833
        crypto.decrypt(db.value('SELECT openai FROM api_keys WHERE user_id = 7') as String, 'api_keys.openai:7') == 'sk-openai-demo-7'

        when: 'a value is copied to another row'
        crypto.decrypt(db.value('SELECT openai FROM api_keys WHERE user_id = 7') as String, 'api_keys.openai:8')

        then:
        thrown(CryptoException)

        when:
        def rotated = Cli.run(dir, db.env() + [MIGRUN_KEYS: "${K2},${K1}".toString()], 'up')

        then:
        rotated.exitCode == 0
        db.value("SELECT count(*) FROM api_keys WHERE openai NOT LIKE 'mgr1:k2:%' OR anthropic NOT LIKE 'mgr1:k2:%'") == 0
        db.rows('SELECT user_id, openai, anthropic FROM api_keys ORDER BY user_id').every { r ->
            crypto.decrypt(r.openai, "api_keys.openai:${r.user_id}") == "sk-openai-demo-${r.user_id}" &&
                    crypto.decrypt(r.anthropic, "api_keys.anthropic:${r.user_id}") == (r.user_id % 3 == 0 ? null : "sk-ant-demo-${r.user_id}")
        }
        !(first.out + first.err + rotated.out + rotated.err).contains(K1.substring(3))

        when: 'both are undone'
        def down = Cli.run(dir, db.env() + [MIGRUN_KEYS: "${K2},${K1}".toString()], 'down', '--to', '1')

        then:
        down.exitCode == 0
        down.out.readLines().findAll { it.startsWith('Undid V') }*.replaceAll(/ \(\d+ ms\)/, '') ==
                ['Undid V3 Re-encrypt every API key with the primary key of the keyring', 'Undid V2 Encrypt the plain-text API keys with AES-256-GCM']
        db.rows('SELECT user_id, openai, anthropic, encrypted_at FROM api_keys ORDER BY user_id').every { r ->
            r.openai == "sk-openai-demo-${r.user_id}" && r.anthropic == (r.user_id % 3 == 0 ? null : "sk-ant-demo-${r.user_id}") && r.encrypted_at == null
        }
    }
}
