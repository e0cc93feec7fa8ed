package io.migrun.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up of the installed distribution against the repository launcher: whole-process wall time
 * of {@code migrun --version} and of a no-op {@code migrun up} (one applied migration, a database
 * at its latest version), each the median of several interleaved rounds, after one warm-up run
 * each (which makes each one's class-data-sharing archive). Args: repoRoot distributionFolder [rounds].
 */
public final class StartupBench {

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        Path installed = Path.of(args[1]).toAbsolutePath().resolve("bin/migrun");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Map<String, String> launchers = new LinkedHashMap<>();
        launchers.put("repository launcher ./migrun", root.resolve("migrun").toString());
        launchers.put("distribution bin/migrun", installed.toString());
        Path work = Files.createTempDirectory("migrun-startup");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).start()) {
            Path project = Files.createDirectories(work.resolve("project/migrations"));
            Files.writeString(project.resolve("V1__things.sql"), "CREATE TABLE things (id int PRIMARY KEY);\n");
            String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
            Map<String, List<double[]>> samples = new LinkedHashMap<>();
            for (String launcher : launchers.values()) {
                time(project.getParent(), List.of(launcher, "up", "--url", url, "--user", "postgres"));
            }
            for (int r = 0; r < rounds; r++) {
                for (var e : launchers.entrySet()) {
                    double version = time(project.getParent(), List.of(e.getValue(), "--version"));
                    double noop = time(project.getParent(), List.of(e.getValue(), "up", "--url", url, "--user", "postgres"));
                    samples.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[]{version, noop});
                }
            }
            report(rounds, samples);
        }
    }

    private static void report(int rounds, Map<String, List<double[]>> samples) {
        System.out.printf("median of %d rounds%n%n| launcher | `migrun --version` (s) | × launcher | no-op `up` (s) | × launcher |%n"
                + "| --- | --- | --- | --- | --- |%n", rounds);
        double[] reference = null;
        for (var e : samples.entrySet()) {
            double version = BenchSupport.median(e.getValue().stream().mapToDouble(d -> d[0]).toArray());
            double noop = BenchSupport.median(e.getValue().stream().mapToDouble(d -> d[1]).toArray());
            if (reference == null) {
                reference = new double[]{version, noop};
            }
            System.out.printf("| %s | %.3f | %.2f | %.3f | %.2f |%n", e.getKey(), version, version / reference[0], noop, noop / reference[1]);
        }
    }

    private static double time(Path dir, List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("MIGRUN_") || k.equals("DATABASE_URL"));
        Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int code = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("exit " + code + " from " + String.join(" ", command));
        }
        return seconds;
    }
}
