package io.migrun;

/** Configuration or connection is wrong: bad flags, bad {@code migrun.yml}, unreachable database (exit code 2). */
public class ConfigurationException extends MigrunException {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 2;
    }
}
