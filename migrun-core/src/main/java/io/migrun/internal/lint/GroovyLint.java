package io.migrun.internal.lint;

import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.sql.SqlScriptException;
import io.migrun.internal.sql.SqlSplitter;
import io.migrun.internal.sql.SqlStatement;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lints the SQL of a Groovy migration without running it: the script is parsed to its syntax tree
 * (Groovy's conversion phase, before any class is resolved or generated), and every call
 * {@code sql.execute(…)}, {@code sql.executeUpdate(…)} or {@code sql.executeInsert(…)} inside the
 * {@code up} and {@code cleanup} blocks is read. A literal string is split and checked like a
 * {@code .sql} file; any other text (a GString with values, a variable, a method call) is known only
 * at run time and is reported as not checked. Calls in {@code down} and {@code verify} are not read:
 * lint is about what {@code up} and {@code cleanup} do to a busy database.
 */
final class GroovyLint {

    private static final Set<String> EXECUTE = Set.of("execute", "executeUpdate", "executeInsert");

    private GroovyLint() {
    }

    static void lint(ResolvedScript script, int pgVersion, Report report) {
        String[] lines = script.text().split("\r?\n", -1);
        CompilationUnit unit = new CompilationUnit();
        SourceUnit source = unit.addSource(script.name(), script.text());
        try {
            unit.compile(Phases.CONVERSION);
        } catch (CompilationFailedException e) {
            SyntaxException x = e instanceof MultipleCompilationErrorsException m && m.getErrorCollector().getErrorCount() > 0
                    && m.getErrorCollector().getError(0) instanceof SyntaxErrorMessage error ? error.getCause() : null;
            int line = x == null || x.getLine() < 1 || x.getLine() > lines.length ? 1 : x.getLine();
            report.notChecked(script.name(), line, lines[line - 1].strip(), "the script does not compile ("
                    + (x == null ? e.getMessage().strip() : x.getOriginalMessage()) + "), so nothing in it was checked");
            return;
        }
        List<MethodCallExpression> blocks = source.getAST().getStatementBlock().getStatements().stream()
                .filter(s -> s instanceof ExpressionStatement e && e.getExpression() instanceof MethodCallExpression call && call.isImplicitThis())
                .map(s -> (MethodCallExpression) ((ExpressionStatement) s).getExpression()).toList();
        boolean transactional = blocks.stream().noneMatch(c -> c.getMethodAsString().equals("transaction")
                && first(c) instanceof ConstantExpression k && Boolean.FALSE.equals(k.getValue()));
        Set<String> created = new HashSet<>();
        for (MethodCallExpression block : blocks) {
            String name = block.getMethodAsString();
            if ((name.equals("up") || name.equals("cleanup")) && first(block) instanceof ClosureExpression closure) {
                StatementCheck.Context context = new StatementCheck.Context(transactional, name.equals("cleanup"), pgVersion, created);
                closure.getCode().visit(new Calls(script.name(), lines, context, report));
            }
        }
    }

    /** The call's first argument that is not a map of named arguments; null without one. */
    private static Expression first(MethodCallExpression call) {
        if (call.getArguments() instanceof ArgumentListExpression args) {
            return args.getExpressions().stream().filter(a -> !(a instanceof MapExpression)).findFirst().orElse(null);
        }
        return null;
    }

    private static final class Calls extends CodeVisitorSupport {
        private final String file;
        private final String[] lines;
        private final StatementCheck.Context context;
        private final Report report;

        Calls(String file, String[] lines, StatementCheck.Context context, Report report) {
            this.file = file;
            this.lines = lines;
            this.context = context;
            this.report = report;
        }

        @Override
        public void visitMethodCallExpression(MethodCallExpression call) {
            super.visitMethodCallExpression(call);
            if (!(call.getObjectExpression() instanceof VariableExpression v && v.getName().equals("sql") && EXECUTE.contains(call.getMethodAsString()))) {
                return;
            }
            int line = call.getLineNumber();
            Expression text = first(call);
            if (!(text instanceof ConstantExpression k && k.getValue() instanceof String sql)) {
                report.countStatement();
                report.notChecked(file, line, lines[line - 1].strip(), "the SQL text is built at run time; lint checks only literal strings");
                return;
            }
            List<SqlStatement> statements;
            try {
                statements = SqlSplitter.split(sql);
            } catch (SqlScriptException e) {
                report.notChecked(file, line, lines[line - 1].strip(), "the SQL text cannot be split into statements: " + e.getMessage());
                return;
            }
            int at = text.getLineNumber();
            for (SqlStatement s : statements) {
                report.check(lines, file, at + s.line() - 1, line, s.sql(), context);
            }
        }
    }
}
