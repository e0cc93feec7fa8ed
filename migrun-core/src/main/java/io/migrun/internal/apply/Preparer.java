package io.migrun.internal.apply;

import groovy.lang.Closure;
import io.migrun.MigrationFailedException;
import io.migrun.MigrationListener;
import io.migrun.MigrunException;
import io.migrun.dsl.Batches;
import io.migrun.dsl.MigrationContext;
import io.migrun.dsl.MigrationDefinition;
import io.migrun.dsl.MigrationScript;
import io.migrun.dsl.ScriptHelpers;
import io.migrun.dsl.ScriptLog;
import io.migrun.internal.load.GroovyCompiler;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.load.ScriptType;
import io.migrun.internal.session.Failures;

import java.sql.Connection;
import java.util.Map;
import java.util.function.Supplier;

/** Turns a compiled script into a {@link PreparedMigration}: runs the Groovy body (declarations only) or prepares the SQL ({@link SqlMigration}). */
public final class Preparer {

    private final MigrationListener listener;
    private final boolean dryRun;

    /** @param dryRun what scripts see as {@code dryRun} */
    public Preparer(MigrationListener listener, boolean dryRun) {
        this.listener = listener;
        this.dryRun = dryRun;
    }

    /** Compiles a Groovy script and runs its body (declarations only), on this thread. */
    static MigrationScript declare(GroovyCompiler compiler, ResolvedScript script) throws Exception {
        MigrationScript instance = compiler.compile(script).getDeclaredConstructor().newInstance();
        instance.declare(script.adHoc() ? "run" : "up");
        return instance;
    }

    /**
     * Compiles (for Groovy) and prepares one script, on this thread; a script that does not
     * compile or whose body throws fails naming the script and line.
     */
    public PreparedMigration load(GroovyCompiler compiler, ResolvedScript script) {
        try {
            return prepare(script, script.type() == ScriptType.GROOVY ? declare(compiler, script) : null);
        } catch (MigrunException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new MigrationFailedException(script.version() == null ? null : script.version().toString(), script.name(),
                    Failures.describe(script, e), e);
        }
    }

    /** @param declared for a Groovy script, an instance whose body has run; ignored for SQL */
    PreparedMigration prepare(ResolvedScript script, MigrationScript declared) {
        return script.type() == ScriptType.SQL ? SqlMigration.prepare(script, new ScriptLog(listener, version(script) != null ? version(script) : script.label())) : groovy(script, declared);
    }

    private PreparedMigration groovy(ResolvedScript script, MigrationScript declared) {
        MigrationDefinition d = declared.definition();
        String label = script.label();
        if (script.adHoc()) {
            if (d.run() == null) {
                throw new MigrationFailedException(null, script.name(), script.name()
                        + " declares no run { } block. Put the script's work inside run { … }; the script body only declares its arguments.", null);
            }
            if (d.up() != null || d.down() != null || d.cleanup() != null) {
                throw new MigrationFailedException(null, script.name(), script.name()
                        + " declares up, down or cleanup blocks, which belong to migrations; an ad-hoc script has one run { … } block.", null);
            }
        } else {
            if (d.up() == null) {
                throw new MigrationFailedException(version(script), script.name(), script.name()
                        + " declares no up { } block. Put the migration's work inside up { … }; the script body only declares.", null);
            }
            if (d.run() != null || !d.args().isEmpty()) {
                throw new MigrationFailedException(version(script), script.name(), script.name()
                        + " declares a run { } block or arguments, which belong to ad-hoc scripts in scripts/ (migrun run); a migration has up { … }.", null);
            }
            if (d.cleanupAfter() != null && d.cleanup() == null || d.cleanup() != null && d.cleanupAfter() == null) {
                throw new MigrationFailedException(version(script), script.name(), script.name() + " declares "
                        + (d.cleanup() == null ? "cleanupAfter without a cleanup { } block" : "a cleanup { } block without cleanupAfter")
                        + "; give both, e.g. cleanupAfter 7.days and cleanup { … }.", null);
            }
        }
        String description = d.description() != null ? d.description() : script.description();
        String version = script.version() == null ? null : script.version().toString();
        return new PreparedMigration(script, description, d.transactional(), block(d.up(), label, version), block(d.down(), label, version),
                verify(d.verify(), label, version), d.cleanupAfter(), block(d.cleanup(), label, version), block(d.run(), label, version),
                d.args(), d.readOnly(), d.lockTimeout());
    }

    private static String version(ResolvedScript script) {
        return script.version() == null ? null : script.version().toString();
    }

    private PreparedMigration.Work block(Closure<?> body, String label, String version) {
        if (body == null) {
            return null;
        }
        return (connection, batches, helpers, args) -> call(body, context(connection, batches, helpers, args, label, version));
    }

    private PreparedMigration.Work verify(Closure<?> body, String label, String version) {
        if (body == null) {
            return null;
        }
        return (connection, batches, helpers, args) -> {
            MigrationContext context = context(connection, batches, helpers, args, label, version);
            context.checks().collect();
            call(body, context);
            if (!context.checks().failures().isEmpty()) {
                throw new VerifyFailure(context.checks().failures());
            }
            return context.checks().passed();
        };
    }

    private MigrationContext context(Supplier<Connection> connection, Batches batches,
                                     ScriptHelpers helpers, Map<String, Object> args, String label, String version) {
        return new MigrationContext(connection, new ScriptLog(listener, version != null ? version : label), args, dryRun, batches, helpers, version);
    }

    private static Object call(Closure<?> body, MigrationContext context) {
        Closure<?> block = (Closure<?>) body.clone();
        block.setDelegate(context);
        block.setResolveStrategy(Closure.DELEGATE_FIRST);
        return block.call();
    }
}
