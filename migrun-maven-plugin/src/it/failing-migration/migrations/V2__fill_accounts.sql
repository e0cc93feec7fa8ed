INSERT INTO accounts (name) SELECT name FROM no_such_table;
