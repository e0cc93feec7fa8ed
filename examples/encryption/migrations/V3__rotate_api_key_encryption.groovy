description 'Re-encrypt every API key with the primary key of the keyring'

// Run after putting a new key first in MIGRUN_KEYS (or the keys file) and keeping the old one after
// it: values made with the old key are decrypted and encrypted again with the new one; values the
// new key made already are left alone, so a resumed or repeated run does no extra work.
up {
    backfill('api_keys', key: 'user_id', batchSize: 500) { k ->
        [openai   : crypto.reencrypt(k.openai, "api_keys.openai:${k.user_id}"),
         anthropic: crypto.reencrypt(k.anthropic, "api_keys.anthropic:${k.user_id}")]
    }
}

// Nothing to undo: values under the new key decrypt with the same keyring, and V2's down decrypts
// whichever key made them.
down {
}
