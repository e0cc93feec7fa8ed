package io.migrun.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a migration's {@code ALTER TABLE} does to the queries of a busy table while a long
 * transaction holds a lock on it. Session A reads table {@code t} in a transaction it keeps open
 * for {@code holdMs}; session C runs short queries on {@code t} without pause; then {@code ./migrun up}
 * applies {@code ALTER TABLE t ADD COLUMN}. Reported, per scenario: C's worst wait for one query,
 * how many of C's queries waited over 100 ms, and the migration's wall time. The scenarios are
 * the migrun command lines given after the hold time, each a string of extra arguments
 * (e.g. "--ddl-lock-timeout 0" and "--ddl-lock-timeout 200ms"), run interleaved round by round.
 * Args: repoRoot rounds holdMs scenario...
 */
public final class LockWaitBench {

    private record Sample(long worstWaitMs, long slowQueries, long migrationMs) {
    }

    private LockWaitBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        int rounds = Integer.parseInt(args[1]);
        long holdMs = Long.parseLong(args[2]);
        List<String> scenarios = List.of(args).subList(3, args.length);
        Path work = Files.createTempDirectory("migrun-lockwait");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).start()) {
            String admin = pg.getJdbcUrl("postgres", "postgres");
            System.out.printf("A holds its transaction %d ms; median of %d rounds%n%n", holdMs, rounds);
            System.out.printf("| migrun up with | C's worst wait (ms) | C's queries over 100 ms | migration (ms) |%n| --- | --- | --- | --- |%n");
            List<List<Sample>> samples = new ArrayList<>();
            scenarios.forEach(s -> samples.add(new ArrayList<>()));
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < scenarios.size(); i++) {
                    String db = "lockwait_" + r + "_" + i;
                    BenchSupport.exec(admin, "CREATE DATABASE " + db);
                    String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/" + db;
                    samples.get(i).add(round(root, work.resolve(db), url, holdMs, scenarios.get(i)));
                }
            }
            for (int i = 0; i < scenarios.size(); i++) {
                List<Sample> s = samples.get(i);
                System.out.printf("| `%s` | %.0f | %.0f | %.0f |%n", scenarios.get(i),
                        BenchSupport.median(s.stream().mapToDouble(Sample::worstWaitMs).toArray()),
                        BenchSupport.median(s.stream().mapToDouble(Sample::slowQueries).toArray()),
                        BenchSupport.median(s.stream().mapToDouble(Sample::migrationMs).toArray()));
            }
        }
    }

    private static Sample round(Path root, Path folder, String url, long holdMs, String extra) throws Exception {
        String su = url + "?user=postgres";
        BenchSupport.exec(su, "CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("V1__add_column.sql"), "ALTER TABLE t ADD COLUMN c int;\n");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong worst = new AtomicLong();
        AtomicLong slow = new AtomicLong();
        Thread c = new Thread(() -> queries(su, running, worst, slow));
        try (Connection a = DriverManager.getConnection(su)) {
            a.setAutoCommit(false);
            try (Statement s = a.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
            }
            long heldSince = System.nanoTime();
            c.start();
            List<String> command = new ArrayList<>(List.of(root.resolve("migrun").toString(), "up", "--url", url, "--user", "postgres",
                    "--migrations", folder.toString()));
            if (!extra.isBlank()) {
                command.addAll(List.of(extra.trim().split("\\s+")));
            }
            long start = System.nanoTime();
            Process up = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long left = holdMs - (System.nanoTime() - heldSince) / 1_000_000;
            Thread.sleep(Math.max(0, left));
            a.commit();
            int code = up.waitFor();
            long migrationMs = (System.nanoTime() - start) / 1_000_000;
            running.set(false);
            c.join();
            if (code != 0) {
                throw new IllegalStateException("migrun up " + extra + " exited " + code);
            }
            return new Sample(worst.get(), slow.get(), migrationMs);
        }
    }

    private static void queries(String url, AtomicBoolean running, AtomicLong worst, AtomicLong slow) {
        try (Connection c = DriverManager.getConnection(url); PreparedStatement q = c.prepareStatement("SELECT v FROM t WHERE id = ?")) {
            int i = 0;
            while (running.get()) {
                long t0 = System.nanoTime();
                q.setInt(1, 1 + (i++ % 1000));
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                worst.accumulateAndGet(ms, Math::max);
                if (ms > 100) {
                    slow.incrementAndGet();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
