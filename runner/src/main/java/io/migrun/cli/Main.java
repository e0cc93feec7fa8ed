package io.migrun.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** The {@code migrun} command line. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv(), Path.of("").toAbsolutePath()));
    }

    /**
     * Runs one command and returns its exit code, without exiting: 0 ok, 1 a migration failed,
     * 2 usage or configuration error, 3 validation failed, 4 lock not obtained.
     *
     * @param workDir where {@code migrun.yml} and relative paths are resolved
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path workDir) {
        return MigrunCommand.commandLine(new CliContext(out, err, env, workDir)).execute(args);
    }
}
