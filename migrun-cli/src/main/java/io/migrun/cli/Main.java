package io.migrun.cli;

import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The {@code migrun} command line. */
public final class Main {

    /** Held so the setting is not lost with the logger: groovy.sql.Sql logs every failed statement, which migrun reports itself. */
    private static final Logger GROOVY_SQL = Logger.getLogger("groovy.sql");

    private Main() {
    }

    public static void main(String[] args) {
        GROOVY_SQL.setLevel(Level.OFF);
        Console console = System.console();
        UnaryOperator<String> readSecret = console == null ? null : prompt -> {
            char[] typed = console.readPassword("%s", prompt);
            return typed == null ? null : new String(typed);
        };
        System.exit(MigrunCommand.commandLine(CliContext.masked(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath(), true,
                console != null, console == null ? null : console::readLine, readSecret)).execute(args));
    }

    /**
     * Runs one command and returns its exit code, without exiting: 0 ok, 1 a migration failed,
     * 2 usage or configuration error, 3 validation failed, 4 lock not obtained.
     *
     * @param workDir where {@code migrun.yml} and relative paths are resolved
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path workDir) {
        return run(args, out, err, env, workDir, null);
    }

    /**
     * As {@link #run(String[], PrintStream, PrintStream, Map, Path)}, with {@code typed} read as the
     * operator's answers to prompts (a password prompt is shown on {@code err}); null for no terminal.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path workDir, Supplier<String> typed) {
        UnaryOperator<String> readSecret = typed == null ? null : prompt -> {
            err.print(prompt);
            err.flush();
            return typed.get();
        };
        return MigrunCommand.commandLine(CliContext.masked(out, err, env, workDir, false, false, typed, readSecret)).execute(args);
    }
}
