package io.migrun.cli;

import io.migrun.MigrationVersion;
import io.migrun.config.ConfigLoader;
import io.migrun.dsl.MigrationScript;
import io.migrun.internal.json.Json;
import io.migrun.internal.load.Checksums;
import io.migrun.internal.load.GroovyCompiler;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.load.ScriptType;
import org.postgresql.Driver;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads the classes a typical run needs without touching a database, so that the launcher can
 * record them in a class-data-sharing archive once after each build; later runs start faster.
 */
public final class Warmup {

    private Warmup() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        Path dir = Files.createTempDirectory("migrun-warmup");
        try {
            Files.writeString(dir.resolve("migrun.yml"), "url: jdbc:postgresql://localhost:5432/warmup\nlockTimeout: 5s\n");
            ConfigLoader.load(Map.of(), Map.of(), dir).build();
            Main.run(new String[]{"--help"}, nowhere, nowhere, Map.of(), dir);
            String text = "description 'warm up'\nup { [answer: 42] }\n";
            ResolvedScript script = new ResolvedScript(MigrationVersion.parse("1"), "warm up", "V1__warm_up.groovy",
                    dir.resolve("V1__warm_up.groovy"), ScriptType.GROOVY, text, Checksums.of(text));
            GroovyCompiler compiler = new GroovyCompiler();
            for (Class<? extends MigrationScript> c : compiler.compileAll(List.of(script)).values()) {
                MigrationScript instance = c.getDeclaredConstructor().newInstance();
                instance.run();
                Json.write(instance.definition().up().call());
            }
            Class.forName("org.postgresql.Driver");
            Driver.parseURL("jdbc:postgresql://localhost:5432/warmup", null);
        } finally {
            Files.deleteIfExists(dir.resolve("migrun.yml"));
            Files.deleteIfExists(dir);
        }
    }
}
