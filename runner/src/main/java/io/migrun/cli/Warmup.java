package io.migrun.cli;

import io.migrun.config.ConfigLoader;
import io.migrun.dsl.MigrationScript;
import io.migrun.helper.Json;
import io.migrun.load.Checksums;
import io.migrun.load.GroovyCompiler;
import io.migrun.load.ResolvedScript;
import io.migrun.load.ScriptType;
import io.migrun.MigrationVersion;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
            for (Class<? extends MigrationScript> c : compiler.compileAll(java.util.List.of(script)).values()) {
                MigrationScript instance = c.getDeclaredConstructor().newInstance();
                instance.run();
                Json.write(instance.definition().up().call());
            }
            Class.forName("org.postgresql.Driver");
            org.postgresql.Driver.parseURL("jdbc:postgresql://localhost:5432/warmup", null);
        } finally {
            Files.deleteIfExists(dir.resolve("migrun.yml"));
            Files.deleteIfExists(dir);
        }
    }
}
