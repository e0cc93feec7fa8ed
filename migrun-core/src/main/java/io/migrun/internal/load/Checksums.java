package io.migrun.internal.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Checksums of script text that survive a checkout on another platform: BOM dropped, CRLF and CR read as LF. */
public final class Checksums {

    private Checksums() {
    }

    public static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** {@code sha256:<hex>} of the text with its BOM removed and line endings normalised. */
    public static String of(String text) {
        String normalised = stripBom(text).replace("\r\n", "\n").replace('\r', '\n');
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
