package io.migrun.internal.session;

import java.net.InetAddress;

/** Who this runner is, as other sessions and the log see it: host and process id. */
public final class RunnerIdentity {

    private RunnerIdentity() {
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }

    static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }

    /** Shown in pg_stat_activity and in lock-wait messages. */
    public static String applicationName() {
        return applicationName(pid(), host());
    }

    /** The name the runner {@code pid} on {@code host} gives its sessions, as PostgreSQL keeps it (63 bytes at most). */
    public static String applicationName(long pid, String host) {
        String name = "migrun pid=" + pid + " host=" + host;
        return name.length() <= 63 ? name : name.substring(0, 63);
    }

    /** Stored in the log's run_by after the database user. */
    public static String runBy() {
        return host() + " (pid " + pid() + ")";
    }
}
