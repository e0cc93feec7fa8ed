package io.migrun.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Handlers for SIGINT and SIGTERM through {@code sun.misc.Signal}, the JDK's only way to catch them,
 * which the {@code jdk.unsupported} module exports. It is reached by reflection so that the build
 * compiles against no internal API (and without the warnings that brings); where the class or a
 * signal is missing, the JVM's default handling stays.
 */
final class SignalTraps implements AutoCloseable {

    /** The handlers that were in place before, by signal, put back on {@link #close()}. */
    private final Map<Object, Object> previous = new LinkedHashMap<>();
    private final Method handle;

    private SignalTraps(Method handle) {
        this.handle = handle;
    }

    /** Calls {@code handler} on each of the named signals this platform has. */
    static SignalTraps install(Runnable handler, String... names) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            SignalTraps traps = new SignalTraps(signalClass.getMethod("handle", signalClass, handlerClass));
            Object proxy = Proxy.newProxyInstance(SignalTraps.class.getClassLoader(), new Class<?>[]{handlerClass},
                    (self, method, args) -> switch (method.getName()) {
                        case "handle" -> { handler.run(); yield null; }
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == args[0];
                        default -> "migrun stop handler";
                    });
            for (String name : names) {
                traps.trap(signalClass, name, proxy);
            }
            return traps;
        } catch (ReflectiveOperationException unavailable) {
            return new SignalTraps(null);
        }
    }

    private void trap(Class<?> signalClass, String name, Object proxy) throws ReflectiveOperationException {
        try {
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            previous.put(signal, handle.invoke(null, signal, proxy));
        } catch (InvocationTargetException unsupported) {
            // this platform has no such signal, or the JVM keeps it (-Xrs): its default handling stays
        }
    }

    @Override
    public void close() {
        previous.forEach((signal, old) -> {
            try {
                handle.invoke(null, signal, old);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot restore the handler of " + signal, e);
            }
        });
        previous.clear();
    }
}
