-- Seed 001's starting point: API keys stored in plain text, one row per user.
CREATE TABLE api_keys (
    user_id      bigint PRIMARY KEY,
    openai       text,
    anthropic    text,
    encrypted_at timestamptz
);
INSERT INTO api_keys (user_id, openai, anthropic)
SELECT g, 'sk-openai-demo-' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'sk-ant-demo-' || g END
FROM generate_series(1, 2500) g;
