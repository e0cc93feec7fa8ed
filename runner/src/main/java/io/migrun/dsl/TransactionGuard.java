package io.migrun.dsl;

import io.migrun.MigrunException;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * The run's connection as a script's {@code sql} hands it out: while migrun has a transaction open
 * on it (the connection is not in autocommit), whatever would end that transaction is refused —
 * {@code commit()}, {@code rollback()}, {@code setAutoCommit(true)}, and statements such as
 * {@code COMMIT} or {@code BEGIN} — because migrun commits the transaction together with the run's
 * log row, and a script that ends it early would leave work committed that the log calls undone.
 * In autocommit ({@code transaction false}, or between a resumable migration's steps) everything
 * passes, since migrun then holds no transaction the script could end.
 */
final class TransactionGuard implements InvocationHandler {

    private static final Set<String> STATEMENT_TEXT = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");
    private static final Set<String> PREPARING = Set.of("prepareStatement", "prepareCall");

    private final Connection raw;
    private final Object target;

    private TransactionGuard(Connection raw, Object target) {
        this.raw = raw;
        this.target = target;
    }

    static Connection wrap(Connection raw) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                new TransactionGuard(raw, raw));
    }

    /** Refuses {@code what} when it would end the transaction migrun holds on {@code c}. */
    static void refuseInTransaction(Connection c, String what) throws SQLException {
        if (!c.getAutoCommit()) {
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
        if (target == raw) {
            if ((name.equals("commit") || name.equals("rollback")) && (args == null || args.length == 0)) {
                refuseInTransaction(raw, name + "()");
            } else if (name.equals("setAutoCommit") && Boolean.TRUE.equals(args[0])) {
                refuseInTransaction(raw, "setAutoCommit(true)");
            } else if (PREPARING.contains(name)) {
                check((String) args[0]);
            }
        } else if (STATEMENT_TEXT.contains(name) && args != null && args.length > 0 && args[0] instanceof String text) {
            check(text);
        }
        Object result = call(method, args);
        if (target == raw && name.equals("createStatement")) {
            return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[]{Statement.class}, new TransactionGuard(raw, result));
        }
        return result;
    }

    private void check(String sql) throws SQLException {
        if (!raw.getAutoCommit()) {
            TransactionControl.find(sql).ifPresent(control -> {
                throw refused(control);
            });
        }
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
