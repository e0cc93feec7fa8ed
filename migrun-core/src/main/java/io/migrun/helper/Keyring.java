package io.migrun.helper;

import io.migrun.ConfigurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256 keys by id. Written as {@code id=<base64 of 32 bytes>} entries, comma-separated in
 * {@code MIGRUN_KEYS} or one per line in a keys file ({@code #} comments and blank lines allowed).
 * The first entry is the primary key, which encrypts; every key decrypts the values that carry its
 * id. Immutable. Errors name the entry and what is wrong with it, never the key material.
 */
public final class Keyring {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys;
    private final String primary;

    private Keyring(Map<String, SecretKey> keys) {
        this.keys = Map.copyOf(keys);
        this.primary = keys.keySet().iterator().next();
    }

    /** Parses {@code MIGRUN_KEYS}: {@code k2=<base64>,k1=<base64>}. */
    public static Keyring parse(String entries, String source) {
        return of(List.of(entries.split(",")), source);
    }

    /** Reads a keys file: one {@code id=<base64>} per line. */
    public static Keyring read(Path file) {
        try {
            return of(Files.readAllLines(file), "the keys file " + file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("The keys file " + file + " does not exist. Create it with lines from `migrun keys generate <id>`, "
                    + "or point --keys-file (or keysFile in migrun.yml) at the right one.");
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the keys file " + file + ": " + e.getMessage());
        }
    }

    private static Keyring of(List<String> lines, String source) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            n++;
            int eq = line.indexOf('=');
            String id = eq < 0 ? "" : line.substring(0, eq).strip();
            if (eq < 0 || !ID.matcher(id).matches()) {
                problems.add("entry " + n + " is not id=<base64 of 32 bytes> (the id: 1 to 32 letters, digits, '_' or '-')");
                continue;
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(line.substring(eq + 1).strip());
            } catch (IllegalArgumentException e) {
                problems.add("the key '" + id + "' is not valid base64");
                continue;
            }
            if (bytes.length != 32) {
                problems.add("the key '" + id + "' is " + bytes.length + " bytes long; AES-256 needs 32");
                continue;
            }
            if (keys.putIfAbsent(id, new SecretKeySpec(bytes, "AES")) != null) {
                problems.add("the key id '" + id + "' appears twice");
            }
        }
        if (keys.isEmpty() && problems.isEmpty()) {
            problems.add("it holds no keys");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("The keyring in " + source + " cannot be used: " + String.join("; ", problems)
                    + ". Each entry is id=<base64 of 32 bytes>; `migrun keys generate <id>` prints one.");
        }
        return new Keyring(keys);
    }

    /** A new entry {@code id=<base64 of 32 random bytes>}. */
    public static String generate(String id) {
        if (!ID.matcher(id).matches()) {
            throw new ConfigurationException("The key id '" + id + "' is not usable: use 1 to 32 letters, digits, '_' or '-'.");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return id + "=" + Base64.getEncoder().encodeToString(bytes);
    }

    public String primary() {
        return primary;
    }

    SecretKey primaryKey() {
        return keys.get(primary);
    }

    /** The key with this id, or null. */
    SecretKey key(String id) {
        return keys.get(id);
    }

    /** The key ids, primary first; never the keys. */
    public List<String> ids() {
        List<String> out = new ArrayList<>();
        out.add(primary);
        keys.keySet().stream().filter(k -> !k.equals(primary)).sorted().forEach(out::add);
        return out;
    }

    @Override
    public String toString() {
        return "Keyring" + ids();
    }
}
