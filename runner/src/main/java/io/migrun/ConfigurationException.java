package io.migrun;

/** Configuration or connection is wrong: bad flags, bad {@code migrun.yml}, unreachable database (exit code 2). */
public class ConfigurationException extends MigrunException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
