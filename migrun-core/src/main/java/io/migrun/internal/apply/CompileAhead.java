package io.migrun.internal.apply;

import io.migrun.dsl.MigrationScript;
import io.migrun.internal.load.GroovyCompiler;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.load.ScriptType;

import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Compiles the Groovy scripts a run will need, and evaluates their bodies (declarations only), on
 * background threads while earlier migrations run; for a short Groovy migration that is most of
 * the cost. Scripts are compiled in chunks, one compilation unit each, spread over the cores; a
 * chunk with an error is compiled again script by script so each error belongs to its own file.
 * Only scripts about to run are compiled.
 */
public final class CompileAhead implements AutoCloseable {

    /** Small enough that the first migrations start soon, large enough to share a unit's fixed cost. */
    private static final int CHUNK = 50;

    private final ExecutorService pool;
    private final Map<String, CompletableFuture<MigrationScript>> futures = new HashMap<>();

    private CompileAhead(ExecutorService pool) {
        this.pool = pool;
    }

    static CompileAhead start(List<ResolvedScript> scripts, Supplier<GroovyCompiler> compiler) {
        List<ResolvedScript> groovy = scripts.stream().filter(s -> s.type() == ScriptType.GROOVY).toList();
        if (groovy.isEmpty()) {
            return new CompileAhead(null);
        }
        int chunks = (groovy.size() + CHUNK - 1) / CHUNK;
        int threads = Math.max(1, Math.min(chunks, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "migrun-compile");
            t.setDaemon(true);
            return t;
        });
        CompileAhead ahead = new CompileAhead(pool);
        GroovyCompiler c = compiler.get();
        for (int from = 0; from < groovy.size(); from += CHUNK) {
            List<ResolvedScript> chunk = groovy.subList(from, Math.min(groovy.size(), from + CHUNK));
            chunk.forEach(s -> ahead.futures.put(s.name(), new CompletableFuture<>()));
            pool.submit(() -> ahead.compile(c, chunk));
        }
        return ahead;
    }

    private void compile(GroovyCompiler compiler, List<ResolvedScript> chunk) {
        Map<String, Class<? extends MigrationScript>> classes;
        try {
            classes = compiler.compileAll(chunk);
        } catch (RuntimeException | LinkageError together) {
            chunk.forEach(s -> declare(futures.get(s.name()), () -> compiler.compile(s)));
            return;
        }
        chunk.forEach(s -> declare(futures.get(s.name()), () -> classes.get(s.name())));
    }

    private static void declare(CompletableFuture<MigrationScript> future, Supplier<Class<? extends MigrationScript>> compiled) {
        try {
            MigrationScript instance = compiled.get().getDeclaredConstructor().newInstance();
            instance.declare("up");
            future.complete(instance);
        } catch (Throwable t) {
            future.completeExceptionally(t);
        }
    }

    /** A Groovy script whose body has run, waiting for it if need be; null for a SQL script. */
    MigrationScript get(ResolvedScript script) throws Exception {
        CompletableFuture<MigrationScript> f = futures.get(script.name());
        if (f == null) {
            return null;
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw new InvocationTargetException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
