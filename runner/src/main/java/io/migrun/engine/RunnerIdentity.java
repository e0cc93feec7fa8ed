package io.migrun.engine;

import java.net.InetAddress;

/** Who this runner is, as other sessions and the log see it: host and process id. */
final class RunnerIdentity {

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
    static String applicationName() {
        return "migrun pid=" + pid() + " host=" + host();
    }

    /** Stored in the log's run_by after the database user. */
    static String runBy() {
        return host() + " (pid " + pid() + ")";
    }
}
