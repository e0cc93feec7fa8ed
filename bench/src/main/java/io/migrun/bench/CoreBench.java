package io.migrun.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole-process wall time of applying N trivial migrations to a fresh database, and of the no-op
 * run after it: migrun (Groovy and SQL), Flyway (SQL) and a bare Groovy loop, side by side,
 * interleaved, each the median of several rounds. Args: repoRoot [rounds] [counts...].
 */
public final class CoreBench {

    private record Scenario(String name, Path folder, List<String> command) {
    }

    private CoreBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Integer> counts = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            counts.add(Integer.parseInt(args[i]));
        }
        if (counts.isEmpty()) {
            counts = List.of(200, 1000);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        List<String> migrun = List.of(root.resolve("migrun").toString());
        String opts = System.getenv().getOrDefault("MIGRUN_JAVA_OPTS", "").trim();
        Path work = Files.createTempDirectory("migrun-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).start()) {
            String admin = pg.getJdbcUrl("postgres", "postgres");
            time(concat(migrun, "--version"));
            System.out.printf("migrun runs through its launcher; extra JVM options: %s%n%n", opts.isEmpty() ? "(none)" : opts);
            System.out.printf("| step | median wall time (s) |%n| --- | --- |%n");
            System.out.printf("| JVM start and exit (empty main) | %.2f |%n", median(rounds, () -> time(List.of(java, "-cp", cp, Noop.class.getName()))));
            System.out.printf("| `migrun --version` (JVM, CLI classes) | %.2f |%n%n", median(rounds, () -> time(concat(migrun, "--version"))));
            for (int n : counts) {
                Path groovy = generate(work.resolve("groovy" + n), n, "groovy", i -> i == 1
                        ? "up { sql.execute 'CREATE TABLE marks (i int)' }\n"
                        : "up { sql.execute 'INSERT INTO marks VALUES (" + i + ")' }\n");
                Path sql = generate(work.resolve("sql" + n), n, "sql", i -> i == 1
                        ? "CREATE TABLE marks (i int);\n" : "INSERT INTO marks VALUES (" + i + ");\n");
                Path bare = generate(work.resolve("bare" + n), n, "groovy", i -> i == 1
                        ? "sql.execute 'CREATE TABLE marks (i int)'\n" : "sql.execute 'INSERT INTO marks VALUES (" + i + ")'\n");
                List<Scenario> scenarios = List.of(
                        new Scenario("migrun, Groovy", groovy, concat(migrun, "up", "--user", "postgres", "--migrations", groovy.toString(), "--url")),
                        new Scenario("migrun, SQL", sql, concat(migrun, "up", "--user", "postgres", "--migrations", sql.toString(), "--url")),
                        new Scenario("Flyway " + flywayVersion() + ", SQL", sql, List.of(java, "-cp", cp, FlywayMain.class.getName())),
                        new Scenario("bare Groovy loop", bare, List.of(java, "-cp", cp, BareGroovyLoop.class.getName())));
                Map<String, List<double[]>> samples = new LinkedHashMap<>();
                for (int r = 0; r < rounds; r++) {
                    for (Scenario s : scenarios) {
                        String db = "bench_" + n + "_" + r + "_" + s.name().replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
                        BenchSupport.exec(admin, "CREATE DATABASE " + db);
                        String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/" + db;
                        List<String> cmd = new ArrayList<>(s.command());
                        if (s.name().startsWith("migrun")) {
                            cmd.add(url);
                        } else {
                            cmd.addAll(List.of(url, "postgres", s.folder().toString()));
                        }
                        double first = time(cmd);
                        long marks = BenchSupport.count(url + "?user=postgres", "SELECT count(*) FROM marks");
                        if (marks != n - 1) {
                            throw new IllegalStateException(s.name() + " left " + marks + " rows, expected " + (n - 1));
                        }
                        double again = time(cmd);
                        samples.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(new double[]{first, again});
                        BenchSupport.exec(admin, "DROP DATABASE " + db);
                    }
                }
                report(n, samples);
            }
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> out = new ArrayList<>(head);
        out.addAll(List.of(tail));
        return out;
    }

    private static void report(int n, Map<String, List<double[]>> samples) {
        double flywayApply = 0;
        double flywayNoop = 0;
        Map<String, double[]> medians = new LinkedHashMap<>();
        for (var e : samples.entrySet()) {
            double apply = BenchSupport.median(e.getValue().stream().mapToDouble(d -> d[0]).toArray());
            double noop = BenchSupport.median(e.getValue().stream().mapToDouble(d -> d[1]).toArray());
            medians.put(e.getKey(), new double[]{apply, noop});
            if (e.getKey().startsWith("Flyway")) {
                flywayApply = apply;
                flywayNoop = noop;
            }
        }
        System.out.printf("%d migrations, fresh database; median of %d rounds%n%n", n, samples.values().iterator().next().size());
        System.out.printf("| runner | apply (s) | × Flyway | no-op rerun (s) | × Flyway |%n| --- | --- | --- | --- | --- |%n");
        for (var e : medians.entrySet()) {
            System.out.printf("| %s | %.2f | %.2f | %.2f | %.2f |%n", e.getKey(), e.getValue()[0], e.getValue()[0] / flywayApply,
                    e.getValue()[1], e.getValue()[1] / flywayNoop);
        }
        System.out.println();
    }

    private static Path generate(Path folder, int n, String ext, java.util.function.IntFunction<String> body) throws IOException {
        Files.createDirectories(folder);
        for (int i = 1; i <= n; i++) {
            Files.writeString(folder.resolve("V" + i + "__step_" + i + "." + ext), body.apply(i));
        }
        return folder;
    }

    private static double time(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int code = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("exit " + code + " from " + String.join(" ", command));
        }
        return seconds;
    }

    private interface Timed {
        double run() throws Exception;
    }

    private static double median(int rounds, Timed t) throws Exception {
        double[] xs = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            xs[i] = t.run();
        }
        return BenchSupport.median(xs);
    }

    private static String flywayVersion() {
        String jar = org.flywaydb.core.Flyway.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("flyway-core-([0-9.]+)\\.jar").matcher(jar);
        return m.find() ? m.group(1) : "?";
    }
}
