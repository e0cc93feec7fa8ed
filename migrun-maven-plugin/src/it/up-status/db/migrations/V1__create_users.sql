CREATE TABLE users (
    id    serial PRIMARY KEY,
    email text NOT NULL
);
INSERT INTO users (email) VALUES (' Ada@Example.com'), ('bob@example.com');
