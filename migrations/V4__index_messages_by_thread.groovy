// CREATE INDEX CONCURRENTLY cannot run inside a transaction. If this fails midway, migrun records
// it as partially applied and waits for `migrun repair 4` before going on.
description 'Index messages by thread and time without blocking writes'
transaction false

up {
    sql.execute 'CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_thread_created ON messages (thread_id, created_at)'
}

down {
    sql.execute 'DROP INDEX CONCURRENTLY IF EXISTS idx_messages_thread_created'
}
