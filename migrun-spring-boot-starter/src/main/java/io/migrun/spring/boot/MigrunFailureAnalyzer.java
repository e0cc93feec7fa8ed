package io.migrun.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Shows a start-up that migrun stopped as Spring Boot's "APPLICATION FAILED TO START" report: migrun's
 * message as the description (it says what was found and how to fix it), and what to do as the
 * action, with the exit code the start-up ends with. Registered in {@code META-INF/spring.factories}.
 */
public class MigrunFailureAnalyzer extends AbstractFailureAnalyzer<MigrunStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrunStartupException cause) {
        return new FailureAnalysis(cause.getMessage(), action(cause.getExitCode()), cause);
    }

    private static String action(int exitCode) {
        return switch (exitCode) {
            case 2 -> "Correct the migrun.* setting the description names, then start the application again. "
                    + "migrun ends the start-up with exit code 2 (configuration).";
            case 3 -> "Bring the migrations folder and the database's log into agreement as the description says, "
                    + "then start the application again. migrun ends the start-up with exit code 3 (validation).";
            case 4 -> "Wait for the other runner to finish, or raise migrun.lock-timeout, then start the application "
                    + "again. migrun ends the start-up with exit code 4 (lock).";
            default -> "Fix what the description names (the failed script, or the database), then start the "
                    + "application again. migrun ends the start-up with exit code 1 (failed).";
        };
    }
}
