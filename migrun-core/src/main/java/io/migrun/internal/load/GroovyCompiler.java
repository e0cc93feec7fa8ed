package io.migrun.internal.load;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.transform.ThreadInterrupt;
import io.migrun.MigrationFailedException;
import io.migrun.dsl.MigrationScript;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;
import org.codehaus.groovy.tools.GroovyClass;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles Groovy migrations against {@link MigrationScript}. Thread-safe: each thread compiles
 * with a class loader of its own, so several scripts can be compiled at once.
 */
public final class GroovyCompiler {

    private final CompilerConfiguration configuration;
    private final ThreadLocal<GroovyClassLoader> loaders;

    public GroovyCompiler() {
        configuration = new CompilerConfiguration();
        configuration.setScriptBaseClass(MigrationScript.class.getName());
        configuration.setSourceEncoding("UTF-8");
        // Loops, closures and methods of a script check for an interrupt, so a stop request ends a CPU-bound loop too.
        configuration.addCompilationCustomizers(new ASTTransformationCustomizer(ThreadInterrupt.class));
        ClassLoader parent = GroovyCompiler.class.getClassLoader();
        loaders = ThreadLocal.withInitial(() -> new GroovyClassLoader(parent, configuration));
    }

    /** The class name a script compiles to; stack frames of this class and its closures belong to the script. */
    public static String className(ResolvedScript script) {
        String base = script.version() != null ? "V" + script.version() + "__" + script.description()
                : script.name().replaceFirst("\\.groovy$", "");
        return (script.adHoc() ? "script_" : "migration_") + base.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /**
     * Compiles several scripts in one compilation unit, which costs much less per script than
     * compiling them one by one. All or nothing: when any script has an error this throws, and the
     * caller compiles them singly to learn which.
     */
    public Map<String, Class<? extends MigrationScript>> compileAll(List<ResolvedScript> scripts) {
        GroovyClassLoader parent = loaders.get();
        CompilationUnit unit = new CompilationUnit(configuration, null, parent);
        for (ResolvedScript s : scripts) {
            unit.addSource(className(s) + ".groovy", s.text());
        }
        unit.compile(Phases.CLASS_GENERATION);
        GroovyClassLoader.InnerLoader loader = new GroovyClassLoader.InnerLoader(parent);
        for (GroovyClass c : unit.getClasses()) {
            loader.defineClass(c.getName(), c.getBytes());
        }
        Map<String, Class<? extends MigrationScript>> out = new HashMap<>();
        for (ResolvedScript s : scripts) {
            try {
                out.put(s.name(), loader.loadClass(className(s)).asSubclass(MigrationScript.class));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Compiled " + s.name() + " but found no class " + className(s), e);
            }
        }
        return out;
    }

    /** Compiles the script; a syntax error becomes a {@link MigrationFailedException} naming {@code file:line:column}. */
    @SuppressWarnings("unchecked")
    public Class<? extends MigrationScript> compile(ResolvedScript script) {
        GroovyCodeSource source = new GroovyCodeSource(script.text(), className(script) + ".groovy", "/migrun/script");
        source.setCachable(false);
        try {
            return (Class<? extends MigrationScript>) loaders.get().parseClass(source, false);
        } catch (MultipleCompilationErrorsException e) {
            throw new MigrationFailedException(script.version() == null ? null : script.version().toString(), script.name(),
                    "Cannot compile " + script.name() + ":\n" + String.join("\n", describe(script, e)), null);
        }
    }

    private static List<String> describe(ResolvedScript script, MultipleCompilationErrorsException e) {
        List<String> lines = new ArrayList<>();
        for (Message m : e.getErrorCollector().getErrors()) {
            if (m instanceof SyntaxErrorMessage s) {
                SyntaxException x = s.getCause();
                lines.add("  " + script.name() + ":" + x.getLine() + ":" + x.getStartColumn() + ": " + x.getOriginalMessage());
                String[] source = script.text().split("\n", -1);
                if (x.getLine() >= 1 && x.getLine() <= source.length && x.getStartColumn() >= 1) {
                    lines.add("      " + source[x.getLine() - 1].stripTrailing());
                    lines.add("      " + " ".repeat(x.getStartColumn() - 1) + "^");
                }
            } else {
                lines.add("  " + script.name() + ": " + m);
            }
        }
        return lines;
    }
}
