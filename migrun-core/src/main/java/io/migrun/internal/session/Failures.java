package io.migrun.internal.session;

import io.migrun.MigrationFailedException;
import io.migrun.MigrunException;
import io.migrun.helper.MissingColumnException;
import io.migrun.internal.load.GroovyCompiler;
import io.migrun.internal.load.ResolvedScript;

import java.lang.reflect.InvocationTargetException;
import java.sql.SQLException;

/** Describes why a script failed in one line a person can act on: {@code file:line: what}. */
public final class Failures {

    private static final int MAX_STATEMENT = 300;

    private Failures() {
    }

    public static String describe(ResolvedScript script, Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof SqlStatementFailure f) {
            return script.name() + ":" + f.statement().line() + ": " + f.getMessage() + "\n  Statement: " + truncate(f.statement().sql());
        }
        if (t instanceof MigrationFailedException) {
            return t.getMessage();
        }
        if (t instanceof BatchFailure b) {
            return describe(script, b.getCause()) + " (" + b.where() + ")";
        }
        String where = line(script, t);
        String what = t instanceof OutOfMemoryError ? outOfMemory(t)
                : t instanceof SQLException || t instanceof MigrunException || t instanceof MissingColumnException
                ? t.getMessage()
                : t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return script.name() + (where == null ? "" : ":" + where) + ": " + what;
    }

    private static String outOfMemory(Throwable t) {
        return "out of memory (" + t.getMessage() + "); migrun may use about " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " MB. Give it more with MIGRUN_JAVA_OPTS=-Xmx2g (for example), or hold fewer rows at once (a smaller batchSize, eachBatch instead of sql.rows).";
    }

    /** The failure, or a cause of it, is a connection-class or shutdown error (SQLSTATE 08…, 57P…): the database went away. */
    public static boolean connectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure is a lock timeout (SQLState 55P03): another session held a lock longer than the statement would wait. */
    public static boolean lockTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && LockRetries.LOCK_NOT_AVAILABLE.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof InvocationTargetException || cur.getClass().getName().equals("org.codehaus.groovy.runtime.InvokerInvocationException"))
                && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }

    /** The script line nearest to where {@code t} (or a cause) was thrown, or null when no frame is the script's. */
    private static String line(ResolvedScript script, Throwable t) {
        String cls = GroovyCompiler.className(script);
        for (Throwable cur = t; cur != null; cur = cur.getCause()) {
            for (StackTraceElement e : cur.getStackTrace()) {
                String name = e.getClassName();
                if ((name.equals(cls) || name.startsWith(cls + "$")) && e.getLineNumber() > 0) {
                    return String.valueOf(e.getLineNumber());
                }
            }
        }
        return null;
    }

    /** The statement on one line, cut after {@value #MAX_STATEMENT} characters. */
    public static String truncate(String sql) {
        String flat = sql.replaceAll("\\s+", " ");
        return flat.length() <= MAX_STATEMENT ? flat : flat.substring(0, MAX_STATEMENT) + " …";
    }
}
