package io.migrun.helper;

import io.migrun.MigrunException;

/** A keyset walk cannot be done safely: the key is missing, not orderable or not unique. */
public class KeysetException extends MigrunException {

    private static final long serialVersionUID = 1L;

    public KeysetException(String message) {
        super(message);
    }
}
