package io.migrun.helper;

import io.migrun.MigrunException;

/** A keyset walk cannot be done safely: the key is missing, not orderable or not unique. */
public class KeysetException extends MigrunException {

    public KeysetException(String message) {
        super(message);
    }
}
