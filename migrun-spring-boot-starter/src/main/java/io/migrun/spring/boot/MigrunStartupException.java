package io.migrun.spring.boot;

import io.migrun.MigrunException;
import org.springframework.boot.ExitCodeGenerator;

/**
 * Fails the application's start-up with migrun's message, and gives Spring Boot the exit code the
 * {@code migrun} command would end with for the same failure (see {@code io.migrun}'s package
 * documentation): 2 for configuration, 3 for validation, 4 for the lock, 1 for everything else.
 */
public class MigrunStartupException extends RuntimeException implements ExitCodeGenerator {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public MigrunStartupException(MigrunException cause) {
        super(cause.getMessage(), cause);
        this.exitCode = cause.exitCode();
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
