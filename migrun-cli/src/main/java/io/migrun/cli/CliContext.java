package io.migrun.cli;

import io.migrun.config.ConfigLoader;
import io.migrun.config.SecretMask;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Where a command writes and what it reads from its surroundings; lets specs run the CLI in-process.
 *
 * @param out           standard output, masked by {@code mask}
 * @param err           standard error, masked by {@code mask}
 * @param handleSignals whether Ctrl-C and SIGTERM stop a run in order (only for the real process)
 * @param terminal      whether output goes to a terminal, where progress shows as bars instead of lines
 * @param readLine      reads a line the operator types, or null when there is no terminal to ask on
 * @param readSecret    shows a prompt and reads what the operator types without echoing it, or null without a terminal
 * @param mask          the secrets kept out of {@code out} and {@code err}; commands add the ones they learn
 * @param notices       the server notices the scripts of a {@code --json} command raised, for its document
 */
record CliContext(PrintStream out, PrintStream err, Map<String, String> env, Path workDir, boolean handleSignals, boolean terminal,
                  Supplier<String> readLine, UnaryOperator<String> readSecret, SecretMask mask, List<NoticeRecorder.Notice> notices) {

    /** A context whose output and error streams mask every secret, starting with those of the environment. */
    static CliContext masked(PrintStream out, PrintStream err, Map<String, String> env, Path workDir, boolean handleSignals, boolean terminal,
                             Supplier<String> readLine, UnaryOperator<String> readSecret) {
        SecretMask mask = SecretMask.of(ConfigLoader.secretsIn(env));
        return new CliContext(MaskedOutput.around(out, mask), MaskedOutput.around(err, mask), env, workDir, handleSignals, terminal,
                readLine, readSecret, mask, new CopyOnWriteArrayList<>());
    }

    /** This context with everything but the command's result on stderr, for a command whose stdout carries one JSON document. */
    CliContext notesOnStderr() {
        return new CliContext(err, err, env, workDir, handleSignals, terminal, readLine, readSecret, mask, notices);
    }
}
