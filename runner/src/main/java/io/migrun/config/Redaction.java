package io.migrun.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps secrets out of text: masks passwords in URLs and blanks out known secret values. Stateless. */
public final class Redaction {

    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@?#]*:)([^@/?#]*)(@)");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("((?:^|[?&;])(?:ssl)?password=)([^&;#]*)", Pattern.CASE_INSENSITIVE);
    public static final String MASK = "***";

    private Redaction() {
    }

    /** The URL with any password replaced by {@code ***}. */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String out = USER_INFO.matcher(url).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$3");
        return PASSWORD_PARAM.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }

    /** The passwords written inside a URL, so they can be redacted wherever else they turn up. */
    public static List<String> passwordsInUrl(String url) {
        List<String> out = new ArrayList<>();
        if (url == null) {
            return out;
        }
        Matcher m = USER_INFO.matcher(url);
        while (m.find()) {
            if (!m.group(2).isEmpty()) {
                out.add(m.group(2));
            }
        }
        m = PASSWORD_PARAM.matcher(url);
        while (m.find()) {
            if (!m.group(2).isEmpty()) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    /** The secrets of a keyring text ({@code id=<base64>,…}): the whole text and each key. */
    public static List<String> keysIn(String keyring) {
        List<String> out = new ArrayList<>();
        if (keyring == null || keyring.isEmpty()) {
            return out;
        }
        out.add(keyring);
        for (String entry : keyring.split(",")) {
            String key = entry.substring(entry.indexOf('=') + 1).strip();
            if (!key.isEmpty()) {
                out.add(key);
            }
        }
        return out;
    }

    /** The text with every occurrence of every secret replaced by {@code ***}. */
    public static String redact(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }
}
