-- The chat schema the team started from: users, threads and messages with integer ids,
-- jsonb metadata and numeric credits.
CREATE TABLE users (
    id            serial PRIMARY KEY,
    clerk_user_id varchar(255) NOT NULL UNIQUE,
    email         varchar(255) NOT NULL UNIQUE,
    image         varchar(255),
    credits       numeric(10,2) NOT NULL DEFAULT 0,
    created_at    timestamptz DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE threads (
    id            serial PRIMARY KEY,
    user_id       int NOT NULL REFERENCES users (id),
    clerk_user_id varchar(255) NOT NULL,
    metadata      jsonb,
    created_at    timestamptz DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_threads_user_id ON threads (user_id);

CREATE TABLE messages (
    id                serial PRIMARY KEY,
    thread_id         int NOT NULL REFERENCES threads (id),
    clerk_user_id     varchar(255) NOT NULL,
    role              varchar(50) NOT NULL,
    content           text NOT NULL,
    created_at        timestamptz DEFAULT CURRENT_TIMESTAMP,
    tool_invocations  jsonb,
    finish_reason     varchar(50),
    total_tokens      int,
    prompt_tokens     int,
    completion_tokens int,
    model_id          varchar(255),
    cost_in_cents     numeric(10,2)
);
