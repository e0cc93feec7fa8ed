package io.migrun.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
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
        java.io.Console console = System.console();
        System.exit(MigrunCommand.commandLine(new CliContext(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath(), true,
                console != null, console == null ? null : console::readLine)).execute(args));
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

    /** As {@link #run(String[], PrintStream, PrintStream, Map, Path)}, with {@code typed} read as the operator's answers to prompts; null for no terminal. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path workDir, java.util.function.Supplier<String> typed) {
        return MigrunCommand.commandLine(new CliContext(out, err, env, workDir, false, false, typed)).execute(args);
    }
}
