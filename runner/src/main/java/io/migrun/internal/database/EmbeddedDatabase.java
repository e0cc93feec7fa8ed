package io.migrun.internal.database;

import io.migrun.ConfigurationException;
import io.migrun.MigrationListener;
import io.migrun.internal.retry.Backoff;
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
 * The PostgreSQL migrun starts when no URL is configured: zonky's embedded server with its data
 * kept in a folder between runs. A file lock beside the data serialises migrun processes sharing
 * the folder; a server left running by a killed migrun is stopped before the next start.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private EmbeddedDatabase(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock) {
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static EmbeddedDatabase start(Path dataDir, Duration wait, MigrationListener listener) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir.getParent());
            channel = new RandomAccessFile(dataDir.getParent().resolve(dataDir.getFileName() + ".lock").toFile(), "rw").getChannel();
            FileLock lock = waitForLock(channel, wait, dataDir);
            stopLeftover(dataDir, listener);
            boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            listener.onNotice("Using the embedded PostgreSQL " + (fresh ? "(created now) " : "") + "with its data in "
                    + display(dataDir) + "; set --url or MIGRUN_URL to use another database.");
            return new EmbeddedDatabase(pg, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ConfigurationException("Cannot start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage()
                    + "\nCheck that the folder is writable, or set --url to use another database.", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    String url() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    private static FileLock waitForLock(FileChannel channel, Duration wait, Path dataDir) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        Backoff.Pauses pauses = Backoff.FOLDER_LOCK_POLL.pauses();
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
                Thread.sleep(pauses.next());
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
