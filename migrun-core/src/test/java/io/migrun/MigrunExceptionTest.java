package io.migrun;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each failure area's exit code, the one the CLI, the Maven plugin and a Spring Boot init job exit with. */
class MigrunExceptionTest {

    @Test
    void eachFailureAreaHasItsExitCode() {
        assertEquals(1, new MigrunException("the log could not be read").exitCode());
        assertEquals(1, new MigrationFailedException("1", "V1__a.sql", "V1 failed", null).exitCode());
        assertEquals(2, new ConfigurationException("bad setting").exitCode());
        assertEquals(3, new ValidationException("drift").exitCode());
        assertEquals(4, new LockException("lock held").exitCode());
    }
}
