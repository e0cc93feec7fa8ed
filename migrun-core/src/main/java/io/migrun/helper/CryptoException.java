package io.migrun.helper;

import io.migrun.MigrunException;

/** A value that cannot be encrypted or decrypted. The message names the key id and context, never key bytes or plaintext. */
public class CryptoException extends MigrunException {

    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
