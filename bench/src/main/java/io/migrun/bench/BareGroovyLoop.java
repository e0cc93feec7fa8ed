package io.migrun.bench;

import groovy.lang.GroovyShell;
import groovy.lang.Script;
import groovy.sql.Sql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reference: the least a Groovy runner must do, with no lock, validation or checksums: compile
 * each script, run it, insert a log row, commit. Args: url user folder.
 */
public final class BareGroovyLoop {

    private BareGroovyLoop() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(args[2]))) {
            files = s.filter(p -> p.toString().endsWith(".groovy"))
                    .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
        }
        try (Connection c = DriverManager.getConnection(args[0], args[1], null)) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS bare_log (version int PRIMARY KEY, ran_at timestamptz DEFAULT now())");
            var done = new java.util.HashSet<Integer>();
            try (var rs = c.createStatement().executeQuery("SELECT version FROM bare_log")) {
                while (rs.next()) {
                    done.add(rs.getInt(1));
                }
            }
            c.setAutoCommit(false);
            GroovyShell shell = new GroovyShell();
            int applied = 0;
            for (Path f : files) {
                int v = version(f);
                if (done.contains(v)) {
                    continue;
                }
                Script script = shell.parse(Files.readString(f), "S" + v + ".groovy");
                script.setProperty("sql", new Sql(c));
                script.run();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO bare_log (version) VALUES (?)")) {
                    ps.setInt(1, v);
                    ps.executeUpdate();
                }
                c.commit();
                applied++;
            }
            System.out.println("bare loop applied " + applied);
        }
    }

    private static int version(Path p) {
        String n = p.getFileName().toString();
        return Integer.parseInt(n.substring(1, n.indexOf("__")));
    }
}
