package io.migrun.support

import io.migrun.cli.Main

import java.nio.file.Path

/** Runs the CLI in this JVM, or in a separate one, and captures what it printed. */
class Cli {

    static CliResult run(Path workDir, Map<String, String> env, String... args) {
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        int code = Main.run(args, new PrintStream(out, true, 'UTF-8'), new PrintStream(err, true, 'UTF-8'), env, workDir)
        new CliResult(code, out.toString('UTF-8'), err.toString('UTF-8'))
    }

    /** Runs the CLI in this JVM as if on a terminal where the operator types {@code answers}, one per prompt. */
    static CliResult runTyped(Path workDir, Map<String, String> env, List<String> answers, String... args) {
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        Iterator<String> typed = answers.iterator()
        int code = Main.run(args, new PrintStream(out, true, 'UTF-8'), new PrintStream(err, true, 'UTF-8'), env, workDir,
                { typed.hasNext() ? typed.next() : null } as java.util.function.Supplier<String>)
        new CliResult(code, out.toString('UTF-8'), err.toString('UTF-8'))
    }

    /** Starts {@code migrun args} in a new JVM with this JVM's classpath. */
    static Process start(Path workDir, Map<String, String> env, String... args) {
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        List<String> command = [java, '-Xmx256m', '-XX:TieredStopAtLevel=1', '-cp', System.getProperty('java.class.path'), Main.name] + args.toList()
        def pb = new ProcessBuilder(command).directory(workDir.toFile())
        // the child's connection comes only from the spec, never from the environment the build runs in
        pb.environment().keySet().removeIf { it.startsWith('MIGRUN_') || it == 'DATABASE_URL' }
        pb.environment().putAll(env)
        pb.redirectErrorStream(false)
        pb.start()
    }

    /** Waits for a process started by {@link #start} and captures its output. */
    static CliResult finish(Process p, long seconds = 120) {
        def out = new StringBuffer()
        def err = new StringBuffer()
        Thread o = p.consumeProcessOutputStream(out)
        Thread e = p.consumeProcessErrorStream(err)
        if (!p.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly()
            throw new AssertionError("process did not finish within ${seconds} s; stdout: ${out}; stderr: ${err}")
        }
        o.join()
        e.join()
        new CliResult(p.exitValue(), out.toString(), err.toString())
    }
}
