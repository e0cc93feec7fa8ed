package io.migrun.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 1,000,000 rows of {@code items(id bigserial, status text, payload text)} set to
 * {@code status = 'done', payload = reverse(payload)} by several runners side by side, each in its
 * own JVM with {@code -Xmx64m} on a fresh copy of the same database, interleaved over rounds.
 * Wall time and peak RSS come from /usr/bin/time. Args: repoRoot [rounds] [rows].
 */
public final class BackfillBench {

    private record Variant(String name, List<String> command, Map<String, String> env) {
    }

    private BackfillBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        boolean encrypt = args.length > 3 && args[3].equals("encrypt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Path work = Files.createTempDirectory("migrun-backfill-bench");
        Path backfill = Files.createDirectories(work.resolve("backfill"));
        Files.writeString(backfill.resolve("V1__backfill.groovy"),
                "up { backfill('items', batchSize: 1000) { r -> [status: 'done', payload: r.payload.reverse()] } }\n");
        Path each = Files.createDirectories(work.resolve("each"));
        Files.writeString(each.resolve("V1__each_batch.groovy"), "up {\n"
                + "    eachBatch('items', batchSize: 1000) { rows ->\n"
                + "        sql.withBatch(1000, 'UPDATE items SET status = ?, payload = ? WHERE id = ?') { ps ->\n"
                + "            rows.each { ps.addBatch(['done', it.payload.reverse(), it.id]) }\n"
                + "        }\n"
                + "    }\n"
                + "}\n");
        Path eachSet = Files.createDirectories(work.resolve("each-set"));
        Files.writeString(eachSet.resolve("V1__each_batch_set.groovy"), "up {\n"
                + "    eachBatch('items', batchSize: 1000) { rows ->\n"
                + "        sql.executeUpdate(\"UPDATE items SET status = 'done', payload = v.p FROM unnest(?::bigint[], ?::text[]) AS v(id, p) WHERE items.id = v.id\",\n"
                + "                [rows*.id as Long[], rows.collect { it.payload.reverse() } as String[]])\n"
                + "    }\n"
                + "}\n");
        Path encrypted = Files.createDirectories(work.resolve("encrypt"));
        Files.writeString(encrypted.resolve("V1__encrypt.groovy"),
                "up { backfill('items', batchSize: 1000) { r -> [status: 'done', payload: crypto.encrypt(r.payload)] } }\n");
        String migrun = root.resolve("migrun").toString();
        List<String> heap = List.of("-Xmx64m");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg"))
                .setServerConfig("max_wal_size", "4GB").start()) {
            String admin = pg.getJdbcUrl("postgres", "postgres");
            BenchSupport.exec(admin, "CREATE DATABASE base");
            String baseUrl = "jdbc:postgresql://localhost:" + pg.getPort() + "/base?user=postgres";
            BenchSupport.exec(baseUrl, "CREATE TABLE items (id bigserial PRIMARY KEY, status text, payload text)");
            BenchSupport.exec(baseUrl, "INSERT INTO items (status, payload) SELECT 'new', md5(g::text) FROM generate_series(1, " + rows + ") g");
            BenchSupport.exec(baseUrl, "VACUUM ANALYZE items");
            run(List.of(migrun, "--version"), Map.of());
            Map<String, List<double[]>> samples = new LinkedHashMap<>();
            for (int r = 0; r < rounds; r++) {
                for (Variant v : encrypt ? encryptVariants(java, cp, migrun, heap, backfill, encrypted) : variants(java, cp, migrun, heap, backfill, each, eachSet)) {
                    String db = "run_" + r + "_" + samples.size() + "_" + v.name().replaceAll("[^A-Za-z]", "").toLowerCase();
                    BenchSupport.exec(admin, "CREATE DATABASE " + db + " TEMPLATE base");
                    String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/" + db + "?user=postgres";
                    List<String> command = new ArrayList<>();
                    for (String part : v.command()) {
                        command.add(part.replace("{url}", url));
                    }
                    double[] m = run(command, v.env());
                    long left = BenchSupport.count(url, "SELECT count(*) FROM items WHERE status <> 'done'");
                    if (left != 0) {
                        throw new IllegalStateException(v.name() + " left " + left + " rows undone");
                    }
                    samples.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(m);
                    BenchSupport.exec(admin, "DROP DATABASE " + db);
                }
            }
            if (encrypt) {
                report(rows, rounds, samples, List.of(PLAIN, JAVA_CRYPTO), List.of("plain backfill", "Java loop"));
            } else {
                report(rows, rounds, samples, List.of(B, B_PER_ROW), List.of("B", "B'"));
            }
        }
    }

    private static final String B = "B: JDBC keyset loop, unnest write, checkpoint per batch";
    private static final String B_PER_ROW = "B': JDBC keyset loop, per-row executeBatch write, checkpoint per batch";
    private static final String PLAIN = "migrun backfill without encryption (reverse)";
    private static final String JAVA_CRYPTO = "JDBC keyset loop + javax.crypto AES-GCM, unnest write, checkpoint per batch";
    private static final String KEYS = "k1=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private static List<Variant> encryptVariants(String java, String cp, String migrun, List<String> heap, Path backfill, Path encrypted) {
        List<Variant> out = new ArrayList<>();
        out.add(new Variant("A: one set-based UPDATE (no encryption)", concat(java, heap, "-cp", cp, SetBasedUpdate.class.getName(), "{url}"), Map.of()));
        out.add(new Variant(PLAIN, List.of(migrun, "up", "--migrations", backfill.toString(), "--url", "{url}"), Map.of("MIGRUN_JAVA_OPTS", "-Xmx64m")));
        out.add(new Variant(JAVA_CRYPTO, concat(java, heap, "-cp", cp, JdbcKeysetLoop.class.getName(), "{url}", "1000", "encrypt"), Map.of("MIGRUN_KEYS", KEYS)));
        out.add(new Variant("migrun backfill + crypto.encrypt", List.of(migrun, "up", "--migrations", encrypted.toString(), "--url", "{url}"),
                Map.of("MIGRUN_JAVA_OPTS", "-Xmx64m", "MIGRUN_KEYS", KEYS)));
        out.add(new Variant("migrun backfill + crypto.encrypt, full tiered JIT", List.of(migrun, "up", "--migrations", encrypted.toString(), "--url", "{url}"),
                Map.of("MIGRUN_JAVA_OPTS", "-Xmx64m -XX:TieredStopAtLevel=4", "MIGRUN_KEYS", KEYS)));
        return out;
    }

    private static List<Variant> variants(String java, String cp, String migrun, List<String> heap, Path backfill, Path each, Path eachSet) {
        List<Variant> out = new ArrayList<>();
        out.add(new Variant("A: one set-based UPDATE", concat(java, heap, "-cp", cp, SetBasedUpdate.class.getName(), "{url}"), Map.of()));
        out.add(new Variant("B: JDBC keyset loop, unnest write, checkpoint per batch", concat(java, heap, "-cp", cp, JdbcKeysetLoop.class.getName(), "{url}", "1000"), Map.of()));
        out.add(new Variant("B without the checkpoint write", concat(java, heap, "-cp", cp, JdbcKeysetLoop.class.getName(), "{url}", "1000", "no-checkpoint"), Map.of()));
        out.add(new Variant("B': JDBC keyset loop, per-row executeBatch write, checkpoint per batch", concat(java, heap, "-cp", cp, JdbcKeysetLoop.class.getName(), "{url}", "1000", "per-row"), Map.of()));
        out.add(new Variant("naive Groovy withBatch loop (stock Sql)", concat(java, heap, "-cp", cp, NaiveGroovyLoop.class.getName(), "{url}", "1000"), Map.of()));
        out.add(new Variant("migrun backfill", List.of(migrun, "up", "--migrations", backfill.toString(), "--url", "{url}"), Map.of("MIGRUN_JAVA_OPTS", "-Xmx64m")));
        out.add(new Variant("migrun backfill, C2 JIT", List.of(migrun, "up", "--migrations", backfill.toString(), "--url", "{url}"), Map.of("MIGRUN_JAVA_OPTS", "-Xmx64m -XX:TieredStopAtLevel=4")));
        out.add(new Variant("migrun eachBatch with sql.withBatch", List.of(migrun, "up", "--migrations", each.toString(), "--url", "{url}"), Map.of("MIGRUN_JAVA_OPTS", "-Xmx64m")));
        out.add(new Variant("migrun eachBatch with one sql update per batch", List.of(migrun, "up", "--migrations", eachSet.toString(), "--url", "{url}"), Map.of("MIGRUN_JAVA_OPTS", "-Xmx64m")));
        return out;
    }

    private static List<String> concat(String java, List<String> heap, String... rest) {
        List<String> out = new ArrayList<>();
        out.add(java);
        out.addAll(heap);
        out.addAll(List.of(rest));
        return out;
    }

    /** {seconds, peak RSS in MiB}, from /usr/bin/time. */
    private static double[] run(List<String> command, Map<String, String> env) throws Exception {
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M"));
        timed.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(timed).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("exit " + p.exitValue() + " from " + String.join(" ", command) + "\n" + err);
        }
        String[] last = err.strip().lines().reduce((a, b) -> b).orElseThrow().split(" ");
        return new double[]{Double.parseDouble(last[0]), Double.parseDouble(last[1]) / 1024};
    }

    private static void report(int rows, int rounds, Map<String, List<double[]>> samples, List<String> references, List<String> labels) {
        Map<String, double[]> med = new LinkedHashMap<>();
        samples.forEach((k, v) -> med.put(k, new double[]{
                BenchSupport.median(v.stream().mapToDouble(d -> d[0]).toArray()), v.stream().mapToDouble(d -> d[1]).max().orElse(0)}));
        double a = rows / med.values().stream().findFirst().orElseThrow()[0];
        System.out.printf("%,d rows, batches of 1,000, median of %d rounds, each run a new JVM with -Xmx64m%n%n", rows, rounds);
        StringBuilder head = new StringBuilder("| runner | seconds | rows/s | × A |");
        StringBuilder rule = new StringBuilder("| --- | --- | --- | --- |");
        for (String label : labels) {
            head.append(" × ").append(label).append(" |");
            rule.append(" --- |");
        }
        System.out.println(head.append(" peak RSS (MiB) |"));
        System.out.println(rule.append(" --- |"));
        med.forEach((k, m) -> {
            StringBuilder line = new StringBuilder(String.format("| %s | %.2f | %,.0f | %.2f |", k, m[0], rows / m[0], rows / m[0] / a));
            for (String ref : references) {
                line.append(String.format(" %.2f |", med.get(ref)[0] / m[0]));
            }
            System.out.println(line.append(String.format(" %.0f |", m[1])));
        });
    }

}
