package io.migrun.helper

import io.migrun.ConfigurationException
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

class CryptoSpec extends Specification {

    static final String K1 = Base64.encoder.encodeToString((0..<32).collect { it as byte } as byte[])
    static final String K2 = Base64.encoder.encodeToString((0..<32).collect { (it * 7 + 3) as byte } as byte[])

    @TempDir
    Path dir

    Crypto crypto = new Crypto(Keyring.parse("k2=${K2},k1=${K1}", 'MIGRUN_KEYS'))

    private static String flipByte(String value, int index) {
        int colon = value.lastIndexOf(':')
        byte[] raw = Base64.urlDecoder.decode(value.substring(colon + 1))
        raw[index] = (byte) (raw[index] ^ 0x01)
        value.substring(0, colon + 1) + Base64.urlEncoder.withoutPadding().encodeToString(raw)
    }

    def "a value encrypts under the primary key and decrypts to the same text, in the self-describing format"() {
        when:
        String sealed = crypto.encrypt('sk_live_4242 ünïcode')

        then:
        sealed.startsWith('mgr1:k2:')
        crypto.isEncrypted(sealed)
        crypto.decrypt(sealed) == 'sk_live_4242 ünïcode'
        crypto.encrypt(null) == null
        crypto.decrypt(null) == null
    }

    def "10,000 encryptions of the same text use 10,000 distinct nonces"() {
        when:
        def nonces = (1..10_000).collect {
            String v = crypto.encrypt('same text')
            Arrays.copyOf(Base64.urlDecoder.decode(v.substring(v.lastIndexOf(":") + 1)), 12).encodeHex().toString()
        } as Set

        then:
        nonces.size() == 10_000
    }

    def "flipping any single byte of a value makes it fail authentication"() {
        given:
        String sealed = crypto.encrypt('secret value')
        int length = Base64.urlDecoder.decode(sealed.substring(8)).length

        expect:
        (0..<length).every { int i ->
            try {
                crypto.decrypt(flipByte(sealed, i))
                false
            } catch (CryptoException e) {
                e.message == "the value of key 'k2' fails authentication: it was changed or truncated, it belongs to another context, or key 'k2' is not the key it was made with"
            }
        }
    }

    def "a #change value is refused with a clear message"() {
        given:
        String sealed = crypto.encrypt('secret value')

        when:
        crypto.decrypt(mangle(sealed))

        then:
        CryptoException e = thrown()
        e.message == message

        where:
        change                | mangle                                                            || message
        'truncated'           | { String v -> v.substring(0, 20) }                                || "the value of key 'k2' is truncated: 9 bytes where at least 28 are needed"
        'shortened'           | { String v -> v.substring(0, v.length() - 4) }                    || "the value of key 'k2' fails authentication: it was changed or truncated, it belongs to another context, or key 'k2' is not the key it was made with"
        'extended'            | { String v -> v + 'AAAA' }                                        || "the value of key 'k2' fails authentication: it was changed or truncated, it belongs to another context, or key 'k2' is not the key it was made with"
        'relabelled'          | { String v -> v.replace('mgr1:k2:', 'mgr1:k1:') }                 || "the value of key 'k1' fails authentication: it was changed or truncated, it belongs to another context, or key 'k1' is not the key it was made with"
        'unknown key id'      | { String v -> v.replace('mgr1:k2:', 'mgr1:k9:') }                 || "the value was encrypted with key 'k9', which is not in the keyring (it has k2, k1). Add that key to MIGRUN_KEYS or the keys file."
        'non-base64'          | { String v -> v.substring(0, 8) + '%%%%' }                        || "the value of key 'k2' is damaged: its body is not base64"
        'key-id-less'         | { String v -> 'mgr1:' }                                           || "the value starts with mgr1: but has no key id: it is damaged or truncated"
    }

    def "a value bound to a row's context does not decrypt in another row"() {
        given:
        String row7 = crypto.encrypt('key of 7', 'users.api_key:7')

        when:
        crypto.decrypt(row7, 'users.api_key:8')

        then:
        CryptoException e = thrown()
        e.message == "the value (context users.api_key:8) of key 'k2' fails authentication: it was changed or truncated, it belongs to another row or column, or key 'k2' is not the key it was made with"
        crypto.decrypt(row7, 'users.api_key:7') == 'key of 7'
    }

    def "a keyring with the same id but other key bytes fails authentication, naming only the key id"() {
        given:
        String sealed = crypto.encrypt('secret value')
        Crypto other = new Crypto(Keyring.parse("k2=${K1}", 'MIGRUN_KEYS'))

        when:
        other.decrypt(sealed)

        then:
        CryptoException e = thrown()
        e.message.contains("fails authentication")
        !e.message.contains(K1) && !e.message.contains(K2) && !e.message.contains('secret value')
    }

    def "tryDecrypt passes legacy plaintext through but never a value of ours that fails"() {
        expect:
        crypto.tryDecrypt('plain legacy key') == 'plain legacy key'
        crypto.tryDecrypt(crypto.encrypt('x')) == 'x'

        when:
        crypto.tryDecrypt(flipByte(crypto.encrypt('x'), 14))

        then:
        thrown(CryptoException)
    }

    def "reencrypt moves a value made with an old key to the primary, and leaves one made with the primary as it is"() {
        given:
        Crypto old = new Crypto(Keyring.parse("k1=${K1}", 'MIGRUN_KEYS'))
        String byOld = old.encrypt('rotate me', 'ctx')
        String byPrimary = crypto.encrypt('stay', 'ctx')

        when:
        String rotated = crypto.reencrypt(byOld, 'ctx')

        then:
        byOld.startsWith('mgr1:k1:')
        rotated.startsWith('mgr1:k2:')
        crypto.decrypt(rotated, 'ctx') == 'rotate me'
        crypto.reencrypt(byPrimary, 'ctx').is(byPrimary)
    }

    def "a malformed keyring is refused, naming the entry and never the key material"() {
        when:
        Keyring.parse(text, 'MIGRUN_KEYS')

        then:
        ConfigurationException e = thrown()
        e.message == "The keyring in MIGRUN_KEYS cannot be used: ${problem}. Each entry is id=<base64 of 32 bytes>; `migrun keys generate <id>` prints one."
        !e.message.contains(K1.substring(0, 10))

        where:
        text                                 || problem
        "k1${K1}"                            || 'entry 1 is not id=<base64 of 32 bytes> (the id: 1 to 32 letters, digits, \'_\' or \'-\')'
        "k1=${K1.substring(0, 20)}"          || "the key 'k1' is 15 bytes long; AES-256 needs 32"
        "k1=${K1.substring(0, 10)}*"         || "the key 'k1' is not valid base64"
        "k1=${K1},k1=${K1}"                  || "the key id 'k1' appears twice"
        " , "                                || 'it holds no keys'
    }

    def "a keys file is read a line per key, with comments, and a missing one says how to make it"() {
        given:
        Path file = dir.resolve('keys.txt')
        file.text = "# rotated 2026-11\nk2=${K2}\n\nk1=${K1}\n"

        expect:
        Keyring.read(file).ids() == ['k2', 'k1']

        when:
        Keyring.read(dir.resolve('missing.txt'))

        then:
        ConfigurationException e = thrown()
        e.message == "The keys file ${dir.resolve('missing.txt')} does not exist. Create it with lines from `migrun keys generate <id>`, or point --keys-file (or keysFile in migrun.yml) at the right one."
    }

    def "a generated key is a usable keyring line"() {
        when:
        String line = Keyring.generate('k2026')

        then:
        line ==~ /k2026=[A-Za-z0-9+\/]{43}=/
        new Crypto(Keyring.parse(line, 'x')).with { decrypt(encrypt('ok')) } == 'ok'
    }
}
