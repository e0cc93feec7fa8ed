-- A function with a dollar-quoted body (its semicolons stay inside it), then demo rows.
CREATE FUNCTION grant_credits(p_email text, p_amount numeric) RETURNS numeric
LANGUAGE plpgsql AS $$
DECLARE
    balance numeric;
BEGIN
    UPDATE users SET credits = credits + p_amount WHERE email = p_email RETURNING credits INTO balance;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no user with email %', p_email;
    END IF;
    RETURN balance;
END;
$$;

INSERT INTO users (clerk_user_id, email, credits) VALUES
    ('user_ada', ' Ada@Example.com', 10.00),
    ('user_bob', 'bob@example.com', 2.50);

INSERT INTO threads (user_id, clerk_user_id, metadata)
SELECT id, clerk_user_id, '{"title": "First chat", "pinned": false}'::jsonb FROM users;

INSERT INTO messages (thread_id, clerk_user_id, role, content, model_id, cost_in_cents)
SELECT t.id, t.clerk_user_id, 'user', 'Hello; is anyone there?', NULL, NULL FROM threads t;
