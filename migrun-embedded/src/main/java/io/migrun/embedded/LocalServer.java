package io.migrun.embedded;

import io.migrun.ConfigurationException;
import io.migrun.MigrationListener;
import io.migrun.spi.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One started zonky server and the lock on its data folder. A file lock beside the data serialises
 * migrun processes sharing the folder; a server left running by a killed migrun is stopped before
 * the next start.
 */
final class LocalServer implements EmbeddedServer.Running {

    private final EmbeddedPostgres postgres;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private LocalServer(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock) {
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static LocalServer start(Path dataDir, Duration wait, MigrationListener listener) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir.getParent());
            channel = new RandomAccessFile(dataDir.getParent().resolve(dataDir.getFileName() + ".lock").toFile(), "rw").getChannel();
            FileLock lock = waitForLock(channel, wait, dataDir);
            stopLeftover(dataDir, listener);
            boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
            EmbeddedPostgres pg = startServer(dataDir);
            listener.onNotice("Using the embedded PostgreSQL " + (fresh ? "(created now) " : "") + "with its data in "
                    + display(dataDir) + "; set --url, MIGRUN_URL or DATABASE_URL to use another database.");
            return new LocalServer(pg, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ConfigurationException("Cannot start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage()
                    + "\nCheck that the folder is writable, or set --url to use another database.", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static EmbeddedPostgres startServer(Path dataDir) throws IOException {
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IllegalStateException e) {
            if (!"Missing embedded postgres binaries".equals(e.getMessage())) {
                throw e;
            }
            throw new ConfigurationException("The embedded PostgreSQL has no binaries for this platform ("
                    + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + "); it has them for " + ZonkyServer.PLATFORMS + "."
                    + "\nSet --url (or MIGRUN_URL, DATABASE_URL, or url: in migrun.yml) to a PostgreSQL server.", e);
        }
    }

    @Override
    public String url() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public String user() {
        return "postgres";
    }

    private static FileLock waitForLock(FileChannel channel, Duration wait, Path dataDir) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = 10;
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() > deadline) {
                throw new ConfigurationException("Another migrun process is using the embedded PostgreSQL in " + dataDir
                        + " and did not finish within " + wait.toSeconds() + " s. Wait for it, or raise --lock-timeout.");
            }
            try {
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConfigurationException("Interrupted while waiting for the embedded PostgreSQL in " + dataDir + ".");
            }
        }
    }

    /** A postmaster.pid whose process lives, while we hold the folder's lock, belongs to a killed migrun. */
    private static void stopLeftover(Path dataDir, MigrationListener listener) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
        Optional<ProcessHandle> leftover = first.matches("\\d+") ? ProcessHandle.of(Long.parseLong(first)) : Optional.empty();
        if (leftover.isPresent() && leftover.get().isAlive()) {
            listener.onNotice("Stopping an embedded PostgreSQL (pid " + first + ") left running by an earlier migrun that was stopped abruptly.");
            fastShutdown(leftover.get());
        }
        Files.deleteIfExists(pidFile);
    }

    /** SIGINT is PostgreSQL's fast shutdown: it aborts the orphaned sessions instead of waiting for them as SIGTERM would. */
    private static void fastShutdown(ProcessHandle postmaster) {
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(postmaster.pid())).inheritIO().start().waitFor();
            postmaster.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            postmaster.destroyForcibly();
        }
    }

    private static String display(Path dataDir) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = dataDir.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the server stops with the process anyway
        } finally {
            try {
                lock.release();
            } catch (IOException ignored) {
                // released when the channel closes
            }
            closeQuietly(lockChannel);
        }
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
