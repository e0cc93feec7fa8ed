package io.migrun.bench;

import java.sql.Connection;
import java.sql.DriverManager;

/** Reference A: the whole change as one set-based UPDATE, the limit of this machine. Args: url. */
public final class SetBasedUpdate {

    private SetBasedUpdate() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0])) {
            c.createStatement().executeUpdate("UPDATE items SET status = 'done', payload = reverse(payload)");
        }
    }
}
