package io.migrun.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference B: a hand-written JDBC keyset loop that writes each batch back with one
 * {@code UPDATE … FROM unnest(…)} and, unless told not to, a checkpoint row per batch, each batch
 * in its own transaction. Args: url batchSize [no-checkpoint | per-row | encrypt]; encrypt seals each payload
 * with AES-GCM in migrun's format, the key from MIGRUN_KEYS.
 */
public final class JdbcKeysetLoop {

    private JdbcKeysetLoop() {
    }

    public static void main(String[] args) throws Exception {
        int batch = Integer.parseInt(args[1]);
        String mode = args.length > 2 ? args[2] : "";
        boolean checkpoint = !mode.equals("no-checkpoint");
        boolean perRow = mode.equals("per-row");
        boolean encrypt = mode.equals("encrypt");
        String keys = System.getenv("MIGRUN_KEYS");
        javax.crypto.SecretKey key = encrypt ? new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder().decode(keys.substring(keys.indexOf('=') + 1)), "AES") : null;
        javax.crypto.Cipher cipher = encrypt ? javax.crypto.Cipher.getInstance("AES/GCM/NoPadding") : null;
        java.security.SecureRandom random = new java.security.SecureRandom();
        byte[] aad = "mgr1:k1".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection(args[0])) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS bench_checkpoint (name text PRIMARY KEY, last bigint, processed bigint)");
            c.setAutoCommit(false);
            long last = 0;
            long processed = 0;
            try (PreparedStatement select = c.prepareStatement("SELECT id, payload FROM items WHERE id > ? ORDER BY id LIMIT " + batch);
                 PreparedStatement update = c.prepareStatement("UPDATE items SET status = v.s, payload = v.p FROM unnest(?::bigint[], ?::text[], ?::text[]) AS v(id, s, p) WHERE items.id = v.id");
                 PreparedStatement single = c.prepareStatement("UPDATE items SET status = ?, payload = ? WHERE id = ?");
                 PreparedStatement save = c.prepareStatement("INSERT INTO bench_checkpoint VALUES ('items', ?, ?) ON CONFLICT (name) DO UPDATE SET last = EXCLUDED.last, processed = EXCLUDED.processed")) {
                while (true) {
                    select.setLong(1, last);
                    List<Long> ids = new ArrayList<>(batch);
                    List<String> payloads = new ArrayList<>(batch);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                            if (encrypt) {
                                byte[] nonce = new byte[12];
                                random.nextBytes(nonce);
                                cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new javax.crypto.spec.GCMParameterSpec(128, nonce));
                                cipher.updateAAD(aad);
                                byte[] sealed = cipher.doFinal(rs.getString(2).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                                byte[] out = java.util.Arrays.copyOf(nonce, 12 + sealed.length);
                                System.arraycopy(sealed, 0, out, 12, sealed.length);
                                payloads.add("mgr1:k1:" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(out));
                            } else {
                                payloads.add(new StringBuilder(rs.getString(2)).reverse().toString());
                            }
                        }
                    }
                    if (ids.isEmpty()) {
                        c.commit();
                        break;
                    }
                    if (perRow) {
                        for (int i = 0; i < ids.size(); i++) {
                            single.setString(1, "done");
                            single.setString(2, payloads.get(i));
                            single.setLong(3, ids.get(i));
                            single.addBatch();
                        }
                        single.executeBatch();
                    } else {
                        String[] status = new String[ids.size()];
                        java.util.Arrays.fill(status, "done");
                        update.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                        update.setArray(2, c.createArrayOf("text", status));
                        update.setArray(3, c.createArrayOf("text", payloads.toArray()));
                        update.executeUpdate();
                    }
                    last = ids.get(ids.size() - 1);
                    processed += ids.size();
                    if (checkpoint) {
                        save.setLong(1, last);
                        save.setLong(2, processed);
                        save.executeUpdate();
                    }
                    c.commit();
                }
            }
        }
    }
}
