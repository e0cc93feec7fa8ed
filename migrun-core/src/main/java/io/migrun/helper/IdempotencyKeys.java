package io.migrun.helper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The {@code Idempotency-Key}s migrun derives for POST and PATCH calls a script sends without a key
 * of its own: a hash of where the script is (the migration, the walk, the batch's starting key), the
 * call's place there, its method and its path.
 *
 * <p>{@link #enter} starts an attempt of a piece of work: its calls count from one again, so every
 * attempt of a batch (a retry in this process for whatever reason, or a resume in another) sends
 * the keys of the first attempt, in the same order. {@link #enterPart} runs a part of the work
 * entered last on its own, as when a failing batch is narrowed down to its failing rows: a request
 * identical to one sent since {@link #enter} (same method, path and body, counted in order) reuses
 * that request's key, so a row's call that already went through is recognised; any other call gets
 * a key from the part and its place in it. Thread-safe.
 */
public final class IdempotencyKeys {

    private String where;
    private int calls;
    private boolean part;
    /** Keys sent since {@link #enter}, by request (method, path, body), in the order first sent. */
    private final Map<String, List<String>> sent = new HashMap<>();
    /** How many of each request's keys the current part has reused. */
    private final Map<String, Integer> reused = new HashMap<>();

    /** @param where where the script starts */
    public IdempotencyKeys(String where) {
        this.where = where;
    }

    /** A piece of work at {@code where}, new or running again: its calls count from one; what was sent before is forgotten. */
    public synchronized void enter(String where) {
        this.where = where;
        calls = 0;
        part = false;
        sent.clear();
        reused.clear();
    }

    /** A part of the work entered last, run on its own (or again): calls count from one under {@code where}, and repeat earlier requests' keys. */
    public synchronized void enterPart(String where) {
        this.where = where;
        calls = 0;
        part = true;
        reused.clear();
    }

    /** The key of the next call, whose body is {@code body} (empty for none). */
    synchronized String next(String method, String path, String body) {
        calls++;
        String request = method + " " + path + "\n" + body;
        List<String> keys = sent.computeIfAbsent(request, r -> new ArrayList<>(1));
        if (part) {
            int n = reused.merge(request, 1, Integer::sum) - 1;
            if (n < keys.size()) {
                return keys.get(n);
            }
        }
        String key = derive(where + "\n" + calls + "\n" + method + " " + path);
        if (!keys.contains(key)) {
            keys.add(key);
        }
        return key;
    }

    private static String derive(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "migrun-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
