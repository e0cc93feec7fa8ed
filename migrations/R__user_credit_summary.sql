-- A repeatable script: migrun runs it after the versioned migrations whenever its text changes,
-- so the view always matches this file.
CREATE OR REPLACE VIEW user_credit_summary AS
SELECT u.id, u.email, u.credits, count(t.id) AS threads
FROM users u LEFT JOIN threads t ON t.user_id = u.id
GROUP BY u.id, u.email, u.credits;
