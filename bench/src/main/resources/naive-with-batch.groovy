// The naive Groovy loop: stock groovy.sql.Sql, keyset reads, withBatch updates, a checkpoint row
// per batch. Stock Sql asks the server for parameter metadata for each statement it binds.
import groovy.sql.Sql

def sql = Sql.newInstance(url)
sql.execute 'CREATE TABLE IF NOT EXISTS bench_checkpoint (name text PRIMARY KEY, last bigint, processed bigint)'
sql.connection.autoCommit = false
long last = 0
long processed = 0
while (true) {
    def rows = sql.rows('SELECT id, payload FROM items WHERE id > ? ORDER BY id LIMIT ' + batch, [last])
    if (!rows) break
    sql.withBatch(batch, 'UPDATE items SET status = ?, payload = ? WHERE id = ?') { ps ->
        rows.each { ps.addBatch(['done', it.payload.reverse(), it.id]) }
    }
    last = rows[-1].id
    processed += rows.size()
    sql.executeUpdate("INSERT INTO bench_checkpoint VALUES ('items', ?, ?) ON CONFLICT (name) DO UPDATE SET last = EXCLUDED.last, processed = EXCLUDED.processed", [last, processed])
    sql.commit()
}
sql.close()
