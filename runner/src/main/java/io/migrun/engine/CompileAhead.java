package io.migrun.engine;

import io.migrun.MigrationFailedException;
import io.migrun.dsl.MigrationScript;
import io.migrun.load.GroovyCompiler;
import io.migrun.load.ResolvedScript;
import io.migrun.load.ScriptType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compiles the Groovy scripts a run will need on background threads, in order, while earlier
 * migrations run; compilation is most of the cost of a short Groovy migration. Only scripts that
 * are about to run are compiled.
 */
final class CompileAhead implements AutoCloseable {

    private final ExecutorService pool;
    private final Map<String, Future<Class<? extends MigrationScript>>> futures = new HashMap<>();

    private CompileAhead(ExecutorService pool) {
        this.pool = pool;
    }

    static CompileAhead start(List<ResolvedScript> scripts, GroovyCompiler compiler) {
        List<ResolvedScript> groovy = scripts.stream().filter(s -> s.type() == ScriptType.GROOVY).toList();
        if (groovy.isEmpty()) {
            return new CompileAhead(null);
        }
        int threads = Math.max(1, Math.min(groovy.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "migrun-compile");
            t.setDaemon(true);
            return t;
        });
        CompileAhead ahead = new CompileAhead(pool);
        for (ResolvedScript s : groovy) {
            ahead.futures.put(s.name(), pool.submit(() -> compiler.compile(s)));
        }
        return ahead;
    }

    /** The compiled class of a Groovy script, waiting for it if need be; null for a SQL script. */
    Class<? extends MigrationScript> get(ResolvedScript script) throws Exception {
        Future<Class<? extends MigrationScript>> f = futures.get(script.name());
        if (f == null) {
            return null;
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MigrationFailedException m) {
                throw m;
            }
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
