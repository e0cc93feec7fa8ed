package io.migrun.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.migrun.internal.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The known secrets of one migrun instance, and the one way text is masked: each occurrence of a
 * secret becomes {@code ***}, whether written as it is, URL-encoded (any mix of {@code %XX} in
 * either case, {@code +} or {@code %20} for a space) or escaped inside a JSON string. Secrets
 * shorter than {@link #MIN_LENGTH} characters are not masked: they would blank out ordinary words
 * and numbers. Thread-safe; secrets may be added while other threads mask.
 */
public final class SecretMask {

    /** The shortest secret that is masked. */
    public static final int MIN_LENGTH = 4;

    private final Set<String> secrets = new LinkedHashSet<>();
    private volatile List<Pattern> patterns = List.of();

    /** A mask of these secrets; nulls and empty strings are ignored. */
    public static SecretMask of(Collection<String> secrets) {
        SecretMask mask = new SecretMask();
        mask.add(secrets);
        return mask;
    }

    /** Adds secrets; longer ones are masked first, so a secret containing another is masked whole. */
    public synchronized SecretMask add(Collection<String> more) {
        boolean changed = false;
        for (String s : more) {
            if (s != null && s.codePointCount(0, s.length()) >= MIN_LENGTH) {
                changed |= secrets.add(s);
            }
        }
        if (changed) {
            patterns = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).map(SecretMask::pattern).toList();
        }
        return this;
    }

    /** The text with every secret masked; null for null. */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Pattern p : patterns) {
            Matcher m = p.matcher(out);
            if (m.find()) {
                out = m.replaceAll(Redaction.MASK);
            }
        }
        return out;
    }

    /**
     * JSON text with every secret masked inside its strings, field names and numbers (a number
     * that shows a secret becomes the string {@code "***"}), so the result is still JSON. Text
     * that is not JSON is masked as text.
     */
    public String maskJson(String json) {
        if (json == null || mask(json).equals(json)) {
            return json;
        }
        try {
            return Json.mapper().writeValueAsString(mask(Json.mapper().readTree(json)));
        } catch (JsonProcessingException e) {
            return mask(json);
        }
    }

    /** A copy of the tree with every secret masked, as {@link #maskJson} does. */
    public JsonNode mask(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(mask(node.textValue()));
        }
        if (node.isNumber()) {
            String text = node.asText();
            return mask(text).equals(text) ? node : JsonNodeFactory.instance.textNode(mask(text));
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> out.add(mask(e)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.set(mask(e.getKey()), mask(e.getValue()));
            }
            return out;
        }
        return node;
    }

    /** Matches the secret with each character other than a letter or digit as it is, percent-encoded, or JSON-escaped. */
    private static Pattern pattern(String secret) {
        StringBuilder regex = new StringBuilder();
        secret.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            if (cp < 128 && Character.isLetterOrDigit(cp)) {
                regex.append(ch);
                return;
            }
            List<String> forms = new ArrayList<>(List.of(Pattern.quote(ch), "(?i:" + percentEncoded(ch) + ")"));
            switch (cp) {
                case ' ' -> forms.add("\\+");
                case '"' -> forms.add("\\\\\"");
                case '\\' -> forms.add("\\\\\\\\");
                case '/' -> forms.add("\\\\/");
                default -> {
                }
            }
            regex.append("(?:").append(String.join("|", forms)).append(')');
        });
        return Pattern.compile(regex.toString());
    }

    private static String percentEncoded(String ch) {
        StringBuilder out = new StringBuilder();
        for (byte b : ch.getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format("%%%02X", b & 0xff));
        }
        return out.toString();
    }
}
