package io.migrun.cli;

import io.migrun.MigrationVersion;
import io.migrun.Migrun;
import io.migrun.MigrunException;
import io.migrun.config.ConfigLoader;
import io.migrun.config.MigrunConfig;
import io.migrun.config.ProjectFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The top-level {@code migrun} command: holds the context and turns failures into messages and
 * exit codes; under {@code --json} a failure is also the command's JSON document.
 */
@Command(name = "migrun", mixinStandardHelpOptions = true, versionProvider = MigrunCommand.Version.class,
        description = "Runs versioned Groovy and SQL migrations against PostgreSQL and records every run in _migrationLog.",
        subcommands = {UpCommand.class, StatusCommand.class, ValidateCommand.class, InitCommand.class, NewCommand.class, RepairCommand.class,
                ControlCommands.Pause.class, ControlCommands.Resume.class, ControlCommands.Cancel.class, ControlCommands.Retry.class,
                ControlCommands.Errors.class, DownCommand.class, VerifyCommand.class, CleanupCommand.class, RunCommand.class,
                AdminCommands.History.class, AdminCommands.Baseline.class, AdminCommands.BackupsCommand.class, KeysCommand.class, WaitCommand.class, LintCommand.class, HelpCommand.class},
        footer = {"", "Exit codes:", "  0  ok", "  1  a migration failed, or a failed one blocks the run",
                "  2  usage or configuration error (including an unreachable database)",
                "  3  validation failed (names, duplicates, checksums, missing files, order)",
                "  4  the migration lock was not obtained in time",
                "  5  status --exit-code only: migrations are pending or not finished",
                "  6  lint only: a rule fired"})
final class MigrunCommand implements Runnable {

    final CliContext context;

    MigrunCommand(CliContext context) {
        this.context = context;
    }

    static CommandLine commandLine(CliContext context) {
        CommandLine cl = new CommandLine(new MigrunCommand(context));
        addHelpOptions(cl, Collections.newSetFromMap(new IdentityHashMap<>()));
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandList());
        // picocli's HelpCommand is final, so its examples cannot be an annotation of ours
        cl.getSubcommands().get("help").getCommandSpec().usageMessage().footer("", "Examples:",
                "  migrun help                    the list of commands (as migrun --help)",
                "  migrun help up                 the help of up (as migrun up --help)");
        cl.setOut(new PrintWriter(new OutputStreamWriter(context.out(), StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(context.err(), StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (commandLine.getCommand() instanceof ConfiguredCommand c && c.connection != null) {
                context.mask().add(c.connection.secrets());
            }
            String message = e instanceof MigrunException ? e.getMessage() : "unexpected " + e.getClass().getName() + ": " + e.getMessage()
                    + "\nThis is a bug in migrun; please report it with the command you ran.";
            context.err().println("ERROR: " + message);
            int code = ExitCodes.of(e);
            if (commandLine.getCommand() instanceof ConfiguredCommand c && c.json()) {
                JsonOutput.error(context, message, code);
            }
            return code;
        });
        CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((e, args) -> {
            int code = usage.handleParseException(e, args);
            if (List.of(args).contains("--json")) {
                JsonOutput.error(context, e.getMessage(), code);
            }
            return code;
        });
        return cl;
    }

    /**
     * Gives every subcommand {@code -h}/{@code --help} (picocli prints its usage on stdout and exits 0).
     * Done here rather than on each {@code @Command} so that a new command cannot miss it; a command
     * reachable under an alias is visited once.
     */
    private static void addHelpOptions(CommandLine parent, Set<CommandLine> seen) {
        for (CommandLine sub : parent.getSubcommands().values()) {
            if (!seen.add(sub)) {
                continue;
            }
            CommandSpec spec = sub.getCommandSpec();
            if (!spec.optionsMap().containsKey("--help")) {
                spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
            }
            addHelpOptions(sub, seen);
        }
    }

    @Override
    public void run() {
        CommandLine.usage(this, context.out());
    }

    /** Base of the subcommands that need a configured {@link Migrun}. */
    abstract static class ConfiguredCommand implements Callable<Integer> {

        @CommandLine.ParentCommand
        MigrunCommand parent;

        @CommandLine.Mixin
        ConnectionOptions connection;

        CliContext context() {
            return parent.context;
        }

        /** The lock guard's options, on the commands that run migration scripts; null on the others. */
        LockGuardOptions lockGuard() {
            return null;
        }

        /** The version given as {@code flag}, or null when it was not; a usage error names the flag. */
        static MigrationVersion version(String flag, String text) {
            return text == null ? null : ConfigLoader.version(flag, text);
        }

        /** What the command needs of the working directory; without a project there, one that needs it is refused before it connects. */
        ProjectFolder.Needs needs() {
            return ProjectFolder.Needs.MIGRATIONS;
        }

        /** True when the command prints one JSON document on stdout, so everything else it says goes to stderr. */
        boolean json() {
            return false;
        }

        /** As {@link #withMigrun(Function, Function)}, with the configuration as flags, environment and migrun.yml give it. */
        int withMigrun(Function<Migrun, Integer> action) {
            return withMigrun(b -> b, action);
        }

        /**
         * Builds a {@link Migrun} from flags, environment and migrun.yml, adjusted by the command,
         * and hands it to {@code action}; refused, before anything connects, when the command
         * {@link #needs()} a project the working directory lacks. The configuration's secrets join the console's mask.
         */
        @SuppressWarnings("try") // the signal handlers only need to last as long as the command; closing puts the previous ones back
        int withMigrun(Function<MigrunConfig.Builder, MigrunConfig.Builder> adjust, Function<Migrun, Integer> action) {
            Map<String, String> flags = connection.asFlags(context());
            if (lockGuard() != null) {
                lockGuard().addTo(flags);
            }
            MigrunConfig config = adjust.apply(ConfigLoader.load(flags, context().env(), context().workDir())).build();
            ProjectFolder.require(needs(), flags, context().env(), context().workDir());
            PrintStream notes = json() ? context().err() : context().out();
            try (Migrun migrun = Migrun.configure().config(config).secretMask(context().mask())
                    .listener(json() ? new NoticeRecorder(new ConsoleListener(notes, context().terminal()), context().notices())
                            : new ConsoleListener(notes, context().terminal())).load();
                 StopSignals signals = context().handleSignals() ? StopSignals.install(migrun, context().err()) : null) {
                return action.apply(migrun);
            }
        }
    }

    /** A command that can print one JSON document on stdout ({@code --json}) instead of text. */
    abstract static class JsonCommand extends ConfiguredCommand {

        @CommandLine.Option(names = "--json", description = "Print one JSON document on stdout instead of text, and everything else on stderr.")
        boolean json;

        @Override
        boolean json() {
            return json;
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
