package io.migrun.dsl;

import io.migrun.MigrunException;
import org.postgresql.PGConnection;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The run's connection as a script's {@code sql} hands it out. While migrun holds a transaction on
 * it (autocommit is off and the script did not turn it off itself), whatever would end that
 * transaction is refused — {@code commit()}, {@code rollback()}, {@code setAutoCommit(true)},
 * {@code close()}, and statements such as {@code COMMIT} or {@code BEGIN} — because migrun commits
 * the transaction together with the run's log row. A transaction the script opened itself (by
 * turning autocommit off, as {@code Sql.withTransaction} does outside migrun's transaction) is the
 * script's to end. Every statement is announced first, so the engine can mark its transaction.
 */
final class TransactionGuard implements InvocationHandler {

    private static final Set<String> STATEMENT_TEXT = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");
    private static final Set<String> PREPARING = Set.of("prepareStatement", "prepareCall");

    /** What all guards of one script's {@code sql} share. */
    static final class Script {
        private final Consumer<String> beforeStatement;
        /** The script turned autocommit off itself: the open transaction is its own. */
        private boolean ownsTransaction;

        Script(Consumer<String> beforeStatement) {
            this.beforeStatement = beforeStatement;
        }

        boolean ownsTransaction() {
            return ownsTransaction;
        }
    }

    private final Connection raw;
    private final Script script;
    private final Object target;
    private final Connection guarded;

    private TransactionGuard(Connection raw, Script script, Object target, Connection guarded) {
        this.raw = raw;
        this.script = script;
        this.target = target;
        this.guarded = guarded;
    }

    static Connection wrap(Connection raw, Script script) {
        Class<?>[] types = raw instanceof PGConnection ? new Class<?>[]{Connection.class, PGConnection.class} : new Class<?>[]{Connection.class};
        return (Connection) Proxy.newProxyInstance(TransactionGuard.class.getClassLoader(), types, new TransactionGuard(raw, script, raw, null));
    }

    /** Refuses {@code what} when it would end the transaction migrun holds on {@code c}. */
    static void refuseInTransaction(Connection c, Script script, String what) throws SQLException {
        if (!c.getAutoCommit() && !script.ownsTransaction) {
            throw refused(what);
        }
    }

    static MigrunException refused(String what) {
        return new MigrunException(what + " would end the transaction migrun runs this script in and commits together with its log row, "
                + "so it is refused. Let the block end to commit (a failure rolls everything back), nest work in "
                + "sql.withTransaction { … } for a savepoint, or declare `transaction false` to manage transactions yourself");
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("equals") && args != null && args.length == 1) {
            return args[0] != null && Proxy.isProxyClass(args[0].getClass())
                    && Proxy.getInvocationHandler(args[0]) instanceof TransactionGuard other && other.target == target;
        }
        if (name.equals("hashCode") && args == null) {
            return System.identityHashCode(target);
        }
        return target == raw ? onConnection((Connection) proxy, method, args) : onStatement(method, args);
    }

    private Object onConnection(Connection proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        boolean noArgs = args == null || args.length == 0;
        if ((name.equals("commit") || name.equals("rollback")) && noArgs) {
            refuseInTransaction(raw, script, name + "()");
        } else if (name.equals("close")) {
            throw new MigrunException("close() on sql.connection is refused: the run's connection is migrun's, which closes it when the run ends");
        } else if (name.equals("setAutoCommit")) {
            autoCommit((Boolean) args[0]);
        } else if (PREPARING.contains(name)) {
            announce((String) args[0]);
        } else if (method.getDeclaringClass() != Connection.class && method.getDeclaringClass() != Object.class || name.equals("unwrap")) {
            // the driver's own API can do anything: mark the transaction before the script gets there
            script.beforeStatement.accept(null);
        }
        Object result = call(method, args);
        if (name.equals("createStatement")) {
            return Proxy.newProxyInstance(TransactionGuard.class.getClassLoader(), new Class<?>[]{Statement.class},
                    new TransactionGuard(raw, script, result, proxy));
        }
        return result;
    }

    private void autoCommit(boolean on) throws SQLException {
        if (on) {
            refuseInTransaction(raw, script, "setAutoCommit(true)");
            script.ownsTransaction = false;
        } else if (raw.getAutoCommit()) {
            script.ownsTransaction = true;
        }
    }

    private Object onStatement(Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("getConnection")) {
            return guarded;
        }
        if (STATEMENT_TEXT.contains(name) && args != null && args.length > 0 && args[0] instanceof String text) {
            announce(text);
        }
        return call(method, args);
    }

    private void announce(String sql) throws SQLException {
        if (!raw.getAutoCommit() && !script.ownsTransaction) {
            TransactionControl.find(sql).ifPresent(control -> {
                throw refused(control);
            });
        }
        script.beforeStatement.accept(sql);
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
