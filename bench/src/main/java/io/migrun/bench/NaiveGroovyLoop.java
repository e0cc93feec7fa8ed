package io.migrun.bench;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Runs the naive Groovy withBatch loop (naive-with-batch.groovy). Args: url batchSize. */
public final class NaiveGroovyLoop {

    private NaiveGroovyLoop() {
    }

    public static void main(String[] args) throws Exception {
        Binding binding = new Binding();
        binding.setVariable("url", args[0]);
        binding.setVariable("batch", Integer.parseInt(args[1]));
        try (var reader = new InputStreamReader(NaiveGroovyLoop.class.getResourceAsStream("/naive-with-batch.groovy"), StandardCharsets.UTF_8)) {
            new GroovyShell(binding).evaluate(reader, "naive-with-batch.groovy");
        }
    }
}
