description 'Encrypt the plain-text API keys with AES-256-GCM'

// Each value is bound to its row and column, so a value copied to another row or column does not
// decrypt. Rows encrypted earlier are left as they are, so the walk can be stopped and resumed,
// and readers use crypto.tryDecrypt while old and new rows coexist.
up {
    backfill('api_keys', key: 'user_id', where: 'encrypted_at IS NULL', batchSize: 500) { k ->
        [openai     : crypto.isEncrypted(k.openai) ? k.openai : crypto.encrypt(k.openai, "api_keys.openai:${k.user_id}"),
         anthropic  : crypto.isEncrypted(k.anthropic) ? k.anthropic : crypto.encrypt(k.anthropic, "api_keys.anthropic:${k.user_id}"),
         encrypted_at: java.time.OffsetDateTime.now()]
    }
}

// Undo (migrun down --to 1): decrypt every value back to plain text. Needs the key that encrypted
// it (or any key of the ring, after the rotation of V3). Runs in one transaction.
down {
    backfill('api_keys', key: 'user_id', where: 'encrypted_at IS NOT NULL', batchSize: 500) { k ->
        [openai      : crypto.decrypt(k.openai, "api_keys.openai:${k.user_id}"),
         anthropic   : crypto.decrypt(k.anthropic, "api_keys.anthropic:${k.user_id}"),
         encrypted_at: null]
    }
}

verify {
    expect 'every key is encrypted', count('api_keys', "openai NOT LIKE 'mgr1:%' OR encrypted_at IS NULL"), 0
}
