package io.migrun.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps secrets out of text: masks passwords in URLs, finds the secrets in settings, and blanks out known secret values. Stateless. */
public final class Redaction {

    /** The password runs to the last @ before the path, as dbmate reads it: an unencoded @ in it still counts as the password. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@?#]*:)([^/?#]*)(@)");
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

    /**
     * The passwords written inside a URL, so they can be redacted wherever else they turn up: each
     * as written, and URL-decoded when that differs (the driver decodes it before use).
     */
    public static List<String> passwordsInUrl(String url) {
        List<String> out = new ArrayList<>();
        if (url == null) {
            return out;
        }
        for (Pattern p : List.of(USER_INFO, PASSWORD_PARAM)) {
            Matcher m = p.matcher(url);
            while (m.find()) {
                if (!m.group(2).isEmpty()) {
                    out.add(m.group(2));
                    decoded(m.group(2)).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private static Optional<String> decoded(String text) {
        try {
            String d = URLDecoder.decode(text, StandardCharsets.UTF_8);
            return d.equals(text) ? Optional.empty() : Optional.of(d);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The secrets of a keyring text ({@code id=<base64>,…}): the whole text and each key. */
    public static List<String> keysIn(String keyring) {
        List<String> out = new ArrayList<>();
        if (keyring == null || keyring.isEmpty()) {
            return out;
        }
        out.add(keyring);
        for (String entry : keyring.split(",")) {
            addKey(out, entry);
        }
        return out;
    }

    /** The keys of a keys file (one {@code id=<base64>} a line); none when it cannot be read, as then no key from it can turn up. */
    public static List<String> keysInFile(Path file) {
        List<String> out = new ArrayList<>();
        if (file == null) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank() && !line.strip().startsWith("#")) {
                    addKey(out, line);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
        return out;
    }

    private static void addKey(List<String> out, String entry) {
        String key = entry.substring(entry.indexOf('=') + 1).strip();
        if (!key.isEmpty()) {
            out.add(key);
        }
    }

    /** The text with every occurrence of every secret replaced by {@code ***}, as {@link SecretMask} masks. */
    public static String redact(String text, Collection<String> secrets) {
        return text == null ? null : SecretMask.of(secrets).mask(text);
    }
}
