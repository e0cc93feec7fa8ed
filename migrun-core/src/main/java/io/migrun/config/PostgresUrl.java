package io.migrun.config;

import io.migrun.ConfigurationException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A connection URL as the pgjdbc URL, user and password it stands for. A {@code jdbc:} URL (or
 * null) is kept as it is, with no user or password; a libpq-style
 * {@code postgres://user:password@host:port/database?params} (or {@code postgresql://}) becomes
 * {@code jdbc:postgresql://host:port/database?params}, the user and password taken from its
 * user-info, percent-decoded. The port defaults to 5432; an IPv6 host is written in brackets; the
 * query parameters are kept as they are. A URL without a host or a database, with several hosts or
 * a port that is not a number is refused with a message that never shows the password. Stateless.
 *
 * @param jdbcUrl  the URL to hand to pgjdbc, or null
 * @param user     the user written in the URL, or null
 * @param password the password written in the URL, decoded, or null
 */
public record PostgresUrl(String jdbcUrl, String user, String password) {

    private static final String EXPECTED = "expected postgres://user:password@host:port/database";
    private static final int DEFAULT_PORT = 5432;

    /** True for a {@code postgres://} or {@code postgresql://} URL. */
    public static boolean isLibpq(String url) {
        return url != null && scheme(url) != null;
    }

    /**
     * @param setting how the message names the setting, e.g. {@code url}
     * @param url     the URL as given, or null
     */
    public static PostgresUrl parse(String setting, String url) {
        if (!isLibpq(url)) {
            return new PostgresUrl(url, null, null);
        }
        String rest = url.substring(scheme(url).length());
        int end = indexOfAny(rest, "/?#");
        String authority = rest.substring(0, end);
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? null : authority.substring(0, at);
        String hostPort = authority.substring(at + 1);
        String path = rest.substring(end);
        String problem = problem(hostPort, path);
        if (problem != null) {
            throw new ConfigurationException(setting + " '" + shown(url) + "' " + problem);
        }
        String database = path.substring(1, indexOfAny(path, "?#"));
        String query = path.substring(1 + database.length());
        String jdbc = "jdbc:postgresql://" + withPort(hostPort) + "/" + database + query;
        if (userInfo == null) {
            return new PostgresUrl(jdbc, null, null);
        }
        int colon = userInfo.indexOf(':');
        String user = decode(setting, url, colon < 0 ? userInfo : userInfo.substring(0, colon), "user");
        String password = colon < 0 ? null : decode(setting, url, userInfo.substring(colon + 1), "password");
        return new PostgresUrl(jdbc, user.isEmpty() ? null : user, password == null || password.isEmpty() ? null : password);
    }

    /** What is wrong with the host, port and path of a libpq URL, or null when nothing is. */
    private static String problem(String hostPort, String path) {
        String host = hostPort.startsWith("[") && hostPort.contains("]") ? hostPort.substring(0, hostPort.indexOf(']') + 1) : hostPort;
        String port = hostPort.substring(host.length());
        if (!host.startsWith("[") && host.indexOf(':') >= 0) {
            host = hostPort.substring(0, hostPort.lastIndexOf(':'));
            port = hostPort.substring(host.length());
        }
        if (host.isEmpty() || host.equals("[]")) {
            return "names no host: " + EXPECTED + ". Add the host, e.g. localhost.";
        }
        if (host.contains(",")) {
            return "names several hosts: " + EXPECTED + " with one host. For several, write jdbc:postgresql://host1:port1,host2:port2/database.";
        }
        if (!host.startsWith("[") && host.contains(":") || host.startsWith("[") && !host.endsWith("]")) {
            return "has an IPv6 address without brackets: " + EXPECTED + ". Write the address in brackets, e.g. [::1]:5432.";
        }
        if (!port.isEmpty() && !port.matches(":[0-9]{1,5}") || port.length() > 1 && (Integer.parseInt(port.substring(1)) > 65535 || Integer.parseInt(port.substring(1)) == 0)) {
            return "has the port '" + (port.startsWith(":") ? port.substring(1) : port) + "': " + EXPECTED
                    + " with a port from 1 to 65535. Fix the port, or leave it out for 5432.";
        }
        if (path.length() < 2 || path.charAt(0) != '/' || "?#".indexOf(path.charAt(1)) >= 0) {
            return "names no database: " + EXPECTED + ". Add the database after the host, e.g. …@localhost:5432/app.";
        }
        return null;
    }

    private static String withPort(String hostPort) {
        boolean hasPort = hostPort.startsWith("[") ? hostPort.indexOf(':', hostPort.indexOf(']')) >= 0 : hostPort.indexOf(':') >= 0;
        return hasPort ? hostPort : hostPort + ":" + DEFAULT_PORT;
    }

    /** The URL with the password of its user-info replaced by {@code ***}, for messages. */
    static String shown(String url) {
        String scheme = scheme(url);
        String rest = url.substring(scheme.length());
        String authority = rest.substring(0, indexOfAny(rest, "/?#"));
        int at = authority.lastIndexOf('@');
        int colon = authority.indexOf(':');
        if (at < 0 || colon < 0 || colon > at) {
            return Redaction.maskUrl(url);
        }
        return Redaction.maskUrl(scheme + rest.substring(0, colon + 1) + Redaction.MASK + rest.substring(at));
    }

    /** Percent-decodes as libpq does: {@code %XX} only, a {@code +} stays a plus. */
    private static String decode(String setting, String url, String text, String part) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int value = i + 2 < text.length() ? hex(text.charAt(i + 1), text.charAt(i + 2)) : -1;
            if (value < 0) {
                throw new ConfigurationException(setting + " '" + shown(url) + "' has a % in its " + part
                        + " that is not followed by two hex digits: " + EXPECTED + ", special characters written as %XX. Write % itself as %25.");
            }
            out.write(value);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }

    private static String scheme(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (String s : new String[] {"postgresql://", "postgres://"}) {
            if (lower.startsWith(s)) {
                return url.substring(0, s.length());
            }
        }
        return null;
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
