package io.migrun.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a command writes and what it reads from its surroundings; lets specs run the CLI in-process.
 *
 * @param handleSignals whether Ctrl-C and SIGTERM stop a run in order (only for the real process)
 * @param terminal      whether output goes to a terminal, where progress shows as bars instead of lines
 * @param readLine      reads a line the operator types, or null when there is no terminal to ask on
 */
record CliContext(PrintStream out, PrintStream err, Map<String, String> env, Path workDir, boolean handleSignals, boolean terminal,
                  java.util.function.Supplier<String> readLine) {
}
