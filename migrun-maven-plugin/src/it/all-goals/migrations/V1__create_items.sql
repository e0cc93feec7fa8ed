CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL, price numeric);
INSERT INTO items (name, price) VALUES ('pen', 2), ('cup', NULL), ('lamp', NULL);
