package io.migrun.cli;

import io.migrun.Migrun;
import io.migrun.MigrunException;
import io.migrun.config.ConfigLoader;
import io.migrun.config.MigrunConfig;
import io.migrun.config.Redaction;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The top-level {@code migrun} command: holds the context and turns failures into messages and exit codes. */
@Command(name = "migrun", mixinStandardHelpOptions = true, versionProvider = MigrunCommand.Version.class,
        description = "Runs versioned Groovy and SQL migrations against PostgreSQL and records every run in _migrationLog.",
        subcommands = {UpCommand.class, StatusCommand.class, ValidateCommand.class, NewCommand.class, RepairCommand.class,
                ControlCommands.Pause.class, ControlCommands.Resume.class, ControlCommands.Cancel.class, ControlCommands.Retry.class,
                ControlCommands.Errors.class, DownCommand.class, VerifyCommand.class, CleanupCommand.class, RunCommand.class,
                AdminCommands.History.class, AdminCommands.Baseline.class, AdminCommands.BackupsCommand.class, KeysCommand.class},
        footer = {"", "Exit codes:", "  0  ok", "  1  a migration failed, or a failed one blocks the run",
                "  2  usage or configuration error (including an unreachable database)",
                "  3  validation failed (names, duplicates, checksums, missing files, order)",
                "  4  the migration lock was not obtained in time"})
final class MigrunCommand implements Runnable {

    final CliContext context;

    MigrunCommand(CliContext context) {
        this.context = context;
    }

    static CommandLine commandLine(CliContext context) {
        CommandLine cl = new CommandLine(new MigrunCommand(context));
        cl.setOut(new java.io.PrintWriter(context.out(), true));
        cl.setErr(new java.io.PrintWriter(context.err(), true));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            List<String> secrets = secrets(commandLine, context);
            if (e instanceof MigrunException) {
                context.err().println("ERROR: " + Redaction.redact(e.getMessage(), secrets));
            } else {
                context.err().println("ERROR: unexpected " + e.getClass().getName() + ": " + Redaction.redact(e.getMessage(), secrets)
                        + "\nThis is a bug in migrun; please report it with the command you ran.");
            }
            return ExitCodes.of(e);
        });
        return cl;
    }

    /** Passwords from flags and environment, for masking messages even when the configuration failed to load. */
    private static List<String> secrets(CommandLine commandLine, CliContext context) {
        List<String> out = new ArrayList<>();
        Object cmd = commandLine.getCommand();
        if (cmd instanceof ConfiguredCommand c && c.connection != null) {
            addIfSet(out, c.connection.password);
            out.addAll(Redaction.passwordsInUrl(c.connection.url));
        }
        addIfSet(out, context.env().get("MIGRUN_PASSWORD"));
        addIfSet(out, context.env().get("MIGRUN_HTTP_TOKEN"));
        out.addAll(Redaction.keysIn(context.env().get("MIGRUN_KEYS")));
        out.addAll(Redaction.passwordsInUrl(context.env().get("MIGRUN_URL")));
        return out;
    }

    private static void addIfSet(List<String> out, String s) {
        if (s != null && !s.isEmpty()) {
            out.add(s);
        }
    }

    @Override
    public void run() {
        CommandLine.usage(this, context.out());
    }

    /** Base of the subcommands that need a configured {@link Migrun}. */
    abstract static class ConfiguredCommand implements java.util.concurrent.Callable<Integer> {

        @CommandLine.ParentCommand
        MigrunCommand parent;

        @CommandLine.Mixin
        ConnectionOptions connection;

        CliContext context() {
            return parent.context;
        }

        /** Builds a {@link Migrun} from flags, environment and migrun.yml, adjusted by the command, and hands it to {@code action}. */
        int withMigrun(Function<MigrunConfig.Builder, MigrunConfig.Builder> adjust, Function<Migrun, Integer> action) {
            MigrunConfig config = adjust.apply(ConfigLoader.load(connection.asFlags(), context().env(), context().workDir())).build();
            try (Migrun migrun = Migrun.configure().config(config).listener(new ConsoleListener(context().out(), context().terminal())).load();
                 StopSignals signals = context().handleSignals() ? StopSignals.install(migrun::requestStop, context().err()) : null) {
                return action.apply(migrun);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Migrun.class.getPackage().getImplementationVersion();
            return new String[]{"migrun " + (v == null ? "(development build)" : v)};
        }
    }
}
