package io.migrun.cli;

import io.migrun.ConfigurationException;
import io.migrun.config.MigrunConfig;

import java.util.List;
import java.util.function.Supplier;

/**
 * Asks before a command changes a protected environment ({@code protected: true} in migrun.yml):
 * shows what will happen and waits for the operator to type the environment's name. Without a
 * terminal the command is refused unless {@code --yes} was given.
 */
final class Protection {

    private Protection() {
    }

    /** @param what what the command will do, one line each; an empty plan asks nothing, as nothing will change */
    static void confirm(CliContext context, MigrunConfig config, boolean yes, Supplier<List<String>> what) {
        if (!config.protectedEnvironment()) {
            return;
        }
        List<String> plan = what.get();
        if (plan.isEmpty()) {
            return;
        }
        String env = config.environment();
        String lines = "  " + String.join("\n  ", plan);
        if (yes) {
            context.out().println(env + " is a protected environment; going on as --yes says:\n" + lines);
            return;
        }
        if (context.readLine() == null) {
            throw new ConfigurationException(env + " is a protected environment, and there is no terminal to confirm on. This would:\n" + lines
                    + "\nNothing was done. Run it from a terminal, or add --yes to confirm (e.g. in a deployment job).");
        }
        context.out().println(env + " is a protected environment. This will:\n" + lines);
        context.out().print("Type the environment's name (" + env + ") to go on: ");
        context.out().flush();
        String typed = context.readLine().get();
        if (typed == null || !typed.trim().equals(env)) {
            throw new ConfigurationException("Not confirmed" + (typed == null ? "" : " (typed '" + typed.trim() + "')") + "; nothing was done.");
        }
    }
}
