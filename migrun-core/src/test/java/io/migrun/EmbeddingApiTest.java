package io.migrun;

import io.migrun.config.MigrunConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedding API as a plain Java application sees it: a {@code DataSource}, a folder of one SQL
 * and one Groovy migration, and the facade's results and exceptions. No Groovy in the caller.
 */
class EmbeddingApiTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @TempDir
    Path migrations;

    private DataSource dataSource;
    private final List<String> heard = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void freshDatabaseAndFolder() throws Exception {
        String name = "embedding_" + DATABASES.incrementAndGet();
        update(postgres.getPostgresDatabase(), "CREATE DATABASE " + name);
        dataSource = postgres.getDatabase("postgres", name);
        write("V1__create_items.sql", "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);\n"
                + "INSERT INTO items VALUES (1, 'ada'), (2, 'grace');\n");
        write("V2__capitalise_names.groovy", "up {\n"
                + "    int changed = sql.executeUpdate(\"UPDATE items SET name = initcap(name)\")\n"
                + "    log.info \"capitalised ${changed} names\"\n"
                + "    [capitalised: changed]\n"
                + "}\n");
    }

    @Test
    void beforeMigratingEveryMigrationIsPendingAndValidateCountsThem() {
        try (Migrun migrun = load()) {
            StatusResult status = migrun.status();

            assertNull(status.currentVersion());
            assertEquals(List.of("1:PENDING", "2:PENDING"), states(status));
            assertEquals(2, status.pendingCount());
            assertEquals(new ValidateResult(2, 0, 2), migrun.validate());
        }
    }

    @Test
    void migrateAppliesBothInOrderAndReportsWhatTheyDid() throws SQLException {
        try (Migrun migrun = load()) {
            MigrateResult result = migrun.migrate();

            assertEquals(List.of("1", "2"), result.applied().stream().map(AppliedMigration::version).toList());
            assertEquals(List.of("create items", "capitalise names"), result.applied().stream().map(AppliedMigration::description).toList());
            assertEquals(List.of("V1__create_items.sql", "V2__capitalise_names.groovy"), result.applied().stream().map(AppliedMigration::script).toList());
            assertNull(result.applied().get(0).result());
            assertEquals("{\"capitalised\":2}", result.applied().get(1).result());
            assertEquals("2", result.currentVersion());
            assertNull(result.stopped());
            assertFalse(result.upToDate());
            assertEquals(0, result.skippedRows());
            assertEquals(List.of("before 1 V1__create_items.sql", "after 1", "before 2 V2__capitalise_names.groovy",
                    "log 2 info capitalised 2 names", "after 2"), heard);
            assertEquals("Ada,Grace", text("SELECT string_agg(name, ',' ORDER BY id) FROM items"));
        }
    }

    @Test
    void afterMigratingStatusAndValidateAgreeAndASecondMigrateAppliesNothing() {
        try (Migrun migrun = load()) {
            migrun.migrate();

            StatusResult status = migrun.status();
            assertEquals("2", status.currentVersion());
            assertEquals(List.of("1:SUCCEEDED", "2:SUCCEEDED"), states(status));
            assertEquals(List.of("ok", "ok"), status.migrations().stream().map(MigrationInfo::checksum).toList());
            assertEquals(0, status.pendingCount());
            assertEquals(new ValidateResult(2, 2, 0), migrun.validate());

            MigrateResult again = migrun.migrate();
            assertTrue(again.upToDate());
            assertEquals(List.of(), again.applied());
            assertEquals("2", again.currentVersion());
        }
    }

    @Test
    void aFailingMigrationThrowsMigrationFailedExceptionNamingItsLineAndIsRecordedFailed() throws Exception {
        write("V3__broken.groovy", "up {\n    sql.execute 'INSERT INTO nowhere VALUES (1)'\n}\n");
        try (Migrun migrun = load()) {
            MigrationFailedException e = assertThrows(MigrationFailedException.class, migrun::migrate);

            assertEquals("Migration V3 (V3__broken.groovy) failed:\n  V3__broken.groovy:2: ERROR: relation \"nowhere\" does not exist\n    Position: 13\n"
                    + "Its transaction was rolled back, so nothing of it was applied. Fix the script and run migrun up again.", e.getMessage());
            assertEquals("3", e.findVersion().orElseThrow());
            assertEquals("V3__broken.groovy", e.findScript().orElseThrow());
            StatusResult status = migrun.status();
            assertEquals("2", status.currentVersion());
            assertEquals(List.of("1:SUCCEEDED", "2:SUCCEEDED", "3:FAILED"), states(status));
            assertEquals("V3__broken.groovy:2: ERROR: relation \"nowhere\" does not exist\n  Position: 13", status.migrations().get(2).error());
            assertEquals(1, status.pendingCount());
            assertEquals("failed", text("SELECT state FROM _migrationlog WHERE version = '3'"));
        }
    }

    @Test
    void withoutAUrlOrDataSourceAndWithoutTheEmbeddedArtifactACommandSaysWhatToAddOrSet(@TempDir Path data) {
        MigrunConfig config = MigrunConfig.builder().migrations(migrations).embeddedDataDir(data.resolve("pg")).build();
        try (Migrun migrun = Migrun.configure().config(config).load()) {
            ConfigurationException e = assertThrows(ConfigurationException.class, migrun::status);

            assertEquals("No database URL is set, and the embedded PostgreSQL is not on the class path.\n"
                    + "Set --url (or MIGRUN_URL, DATABASE_URL, or url: in migrun.yml) to a PostgreSQL server,"
                    + " or add the io.migrun:migrun-embedded artifact to use a local one.", e.getMessage());
            assertFalse(Files.exists(data.resolve("pg")));
        }
    }

    private Migrun load() {
        return Migrun.configure().dataSource(dataSource).migrations(migrations).listener(new MigrationListener() {
            @Override
            public void beforeMigration(String version, String description, String script) {
                heard.add("before " + version + " " + script);
            }

            @Override
            public void afterMigration(AppliedMigration migration) {
                heard.add("after " + migration.version());
            }

            @Override
            public void onScriptLog(String version, String level, String message) {
                heard.add("log " + version + " " + level + " " + message);
            }
        }).load();
    }

    private static List<String> states(StatusResult status) {
        return status.migrations().stream().map(m -> m.version() + ":" + m.state()).toList();
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(migrations.resolve(name), text);
    }

    private String text(String query) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void update(DataSource ds, String statement) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
