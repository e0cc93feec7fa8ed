package io.migrun.engine;

import groovy.lang.Closure;
import io.migrun.MigrationFailedException;
import io.migrun.MigrationListener;
import io.migrun.dsl.MigrationContext;
import io.migrun.dsl.MigrationDefinition;
import io.migrun.dsl.MigrationSql;
import io.migrun.dsl.MigrationScript;
import io.migrun.dsl.ScriptLog;
import io.migrun.load.GroovyCompiler;
import io.migrun.load.ResolvedScript;
import io.migrun.load.ScriptType;
import io.migrun.load.SqlSplitter;
import io.migrun.load.SqlStatement;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns a compiled script into a {@link PreparedMigration}: runs the Groovy body (declarations only) or splits the SQL. */
final class Preparer {

    /** A {@code .sql} file opts out of the transaction with this comment line. */
    private static final Pattern NO_TRANSACTION = Pattern.compile("(?m)^\\s*--\\s*migrun:\\s*transaction\\s+false\\s*$");

    private final MigrationListener listener;
    private final boolean dryRun;

    /** @param dryRun what scripts see as {@code dryRun} */
    Preparer(MigrationListener listener, boolean dryRun) {
        this.listener = listener;
        this.dryRun = dryRun;
    }

    /** Compiles a Groovy script and runs its body (declarations only), on this thread. */
    static MigrationScript declare(GroovyCompiler compiler, ResolvedScript script) throws Exception {
        MigrationScript instance = compiler.compile(script).getDeclaredConstructor().newInstance();
        instance.run();
        return instance;
    }

    /** @param declared for a Groovy script, an instance whose body has run; ignored for SQL */
    PreparedMigration prepare(ResolvedScript script, MigrationScript declared) {
        return script.type() == ScriptType.SQL ? sql(script) : groovy(script, declared);
    }

    private PreparedMigration sql(ResolvedScript script) {
        List<SqlStatement> statements = SqlSplitter.split(script.text());
        boolean transactional = !NO_TRANSACTION.matcher(script.text()).find();
        return new PreparedMigration(script, script.description(), transactional, (connection, batches, helpers) -> {
            try (Statement s = connection.get().createStatement()) {
                for (SqlStatement statement : statements) {
                    try {
                        s.execute(statement.sql());
                    } catch (SQLException e) {
                        throw new SqlStatementFailure(statement, e);
                    }
                }
            }
            return null;
        });
    }

    private PreparedMigration groovy(ResolvedScript script, MigrationScript declared) {
        MigrationDefinition definition = declared.definition();
        if (definition.up() == null) {
            throw new MigrationFailedException(script.version().toString(), script.name(), script.name()
                    + " declares no up { } block. Put the migration's work inside up { … }; the script body only declares.", null);
        }
        String description = definition.description() != null ? definition.description() : script.description();
        String version = script.version().toString();
        return new PreparedMigration(script, description, definition.transactional(), (connection, batches, helpers) -> {
            MigrationContext context = new MigrationContext(new MigrationSql(connection), new ScriptLog(listener, version), Map.of(), dryRun, batches, helpers);
            Closure<?> up = (Closure<?>) definition.up().clone();
            up.setDelegate(context);
            up.setResolveStrategy(Closure.DELEGATE_FIRST);
            return up.call();
        });
    }
}
