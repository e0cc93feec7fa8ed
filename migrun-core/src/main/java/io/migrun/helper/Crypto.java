package io.migrun.helper;

import io.migrun.internal.json.Json;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM encryption of text values, in a self-describing form:
 * {@code mgr1:<keyId>:<base64url of nonce | ciphertext | tag>}, with a fresh random 96-bit nonce
 * per value. The format version and key id are authenticated, and so is an optional context (for
 * example table, column and row key): a value copied to another row or column then fails to
 * decrypt. Errors name the key id and context, never key bytes or plaintext. Thread-safe.
 */
public final class Crypto {

    /** What every value in this format starts with. */
    public static final String PREFIX = "mgr1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no AES/GCM", e);
        }
    });

    private final Supplier<Keyring> keyring;
    private volatile Keyring loaded;
    // Set before loaded is published, so a reader that sees loaded sees these.
    private String primaryPrefix;
    private byte[] primaryAad;

    /** @param keyring called once, on first use, so runs that never encrypt need no keys */
    public Crypto(Supplier<Keyring> keyring) {
        this.keyring = keyring;
    }

    public Crypto(Keyring keyring) {
        this(() -> keyring);
    }

    private Keyring keys() {
        Keyring k = loaded;
        if (k == null) {
            synchronized (this) {
                if (loaded == null) {
                    Keyring fresh = keyring.get();
                    primaryPrefix = PREFIX + fresh.primary() + ":";
                    primaryAad = aad(fresh.primary(), null);
                    loaded = fresh;
                }
                k = loaded;
            }
        }
        return k;
    }

    public String encrypt(String text) {
        return encrypt(text, null);
    }

    /** Encrypts with the primary key; null stays null. */
    public String encrypt(String text, Object context) {
        if (text == null) {
            return null;
        }
        Keyring k = keys();
        String id = k.primary();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, k.primaryKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context == null ? primaryAad : aad(id, context));
            byte[] plain = text.getBytes(StandardCharsets.UTF_8);
            // Sealed straight after the nonce: no second buffer to copy the ciphertext from.
            byte[] out = new byte[NONCE_BYTES + plain.length + TAG_BITS / 8];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            cipher.doFinal(plain, 0, plain.length, out, NONCE_BYTES);
            return primaryPrefix + ENCODER.encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot encrypt with key '" + id + "'" + where(context) + ": " + e.getClass().getSimpleName(), e);
        }
    }

    public String decrypt(String value) {
        return decrypt(value, null);
    }

    /** Decrypts a value in this format; anything else, a changed value, a wrong key or another context is an error. Null stays null. */
    public String decrypt(String value, Object context) {
        if (value == null) {
            return null;
        }
        if (!isEncrypted(value)) {
            throw new CryptoException("the value" + where(context) + " is not encrypted by migrun: it does not start with " + PREFIX
                    + ". Use tryDecrypt to pass plaintext through unchanged.");
        }
        int colon = value.indexOf(':', PREFIX.length());
        String id = colon < 0 ? "" : value.substring(PREFIX.length(), colon);
        if (colon < 0 || !Keyring.ID.matcher(id).matches()) {
            throw new CryptoException("the value" + where(context) + " starts with " + PREFIX + " but has no key id: it is damaged or truncated");
        }
        Keyring k = keys();
        SecretKey key = k.key(id);
        if (key == null) {
            throw new CryptoException("the value" + where(context) + " was encrypted with key '" + id + "', which is not in the keyring (it has "
                    + String.join(", ", k.ids()) + "). Add that key to MIGRUN_KEYS or the keys file.");
        }
        byte[] raw = body(value.substring(colon + 1), id, context);
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            cipher.updateAAD(aad(id, context));
            byte[] plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new CryptoException("the value" + where(context) + " of key '" + id + "' fails authentication: it was changed or truncated, "
                    + "it belongs to another " + (context == null ? "context" : "row or column") + ", or key '" + id + "' is not the key it was made with");
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot decrypt the value" + where(context) + " of key '" + id + "': " + e.getClass().getSimpleName(), e);
        }
    }

    /** The nonce, ciphertext and tag after the key id; an error when it is not base64 or too short to hold them. */
    private static byte[] body(String base64, String id, Object context) {
        byte[] raw;
        try {
            raw = DECODER.decode(base64);
        } catch (IllegalArgumentException e) {
            throw new CryptoException("the value" + where(context) + " of key '" + id + "' is damaged: its body is not base64");
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new CryptoException("the value" + where(context) + " of key '" + id + "' is truncated: " + raw.length
                    + " bytes where at least " + (NONCE_BYTES + TAG_BITS / 8) + " are needed");
        }
        return raw;
    }

    public String tryDecrypt(String value) {
        return tryDecrypt(value, null);
    }

    /**
     * Plaintext not in this format comes back unchanged (for data moved to encryption gradually);
     * a value in this format is decrypted, and one that fails is an error, never passed through.
     */
    public String tryDecrypt(String value, Object context) {
        return value == null || !isEncrypted(value) ? value : decrypt(value, context);
    }

    /** True for a value in this format, whether or not it would decrypt. */
    public boolean isEncrypted(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    public String reencrypt(String value) {
        return reencrypt(value, null);
    }

    /** The value under the primary key: decrypted and encrypted again, or returned as it is when the primary key already made it. */
    public String reencrypt(String value, Object context) {
        if (value == null) {
            return null;
        }
        String plain = decrypt(value, context);
        if (value.startsWith(primaryPrefix)) {
            return value;
        }
        return encrypt(plain, context);
    }

    /** The format version and key id, then the caller's context, as associated data. */
    private static byte[] aad(String keyId, Object context) {
        String text = PREFIX + keyId + (context == null ? "" : "\u0000" + contextText(context));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String contextText(Object context) {
        return context instanceof Map<?, ?> m ? Json.write(new TreeMap<>(m)) : String.valueOf(context);
    }

    private static String where(Object context) {
        return context == null ? "" : " (context " + contextText(context) + ")";
    }
}
