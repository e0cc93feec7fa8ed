description 'Move users, threads and messages from the legacy database into the document store'

// Each walk reads a batch from the legacy database, creates the documents over HTTP, then records
// the new ids in one short transaction with the batch's checkpoint. A batch cut off before its
// commit runs again on resume and sends the same Idempotency-Keys, so the store returns the
// documents it already made instead of making them twice.
up {
    eachBatch(db('legacy'), 'users', batchSize: 50, name: 'users') { rows ->
        def created = rows.collectEntries { u ->
            def doc = http.post('/users', body: [legacyId: u.id, email: u.email, name: u.name, credits: u.credits, metadata: u.metadata])
            [(u.id): doc.id]
        }
        ids.putAll('users', created)
    }

    eachBatch(db('legacy'), 'threads', batchSize: 50, name: 'threads') { rows ->
        def owners = ids.getAll('users', rows*.user_id)
        def created = rows.collectEntries { t ->
            def doc = http.post('/threads', body: [legacyId: t.id, userId: owners[t.user_id as String], title: t.title, metadata: t.metadata])
            [(t.id): doc.id]
        }
        ids.putAll('threads', created)
    }

    eachBatch(db('legacy'), 'messages', batchSize: 50, name: 'messages') { rows ->
        def threads = ids.getAll('threads', rows*.thread_id)
        def created = rows.collectEntries { m ->
            def doc = http.post('/messages', body: [legacyId: m.id, threadId: threads[m.thread_id as String], role: m.role, content: m.content])
            [(m.id): doc.id]
        }
        ids.putAll('messages', created)
    }

    step('verify') {
        def stored = http.get('/stats')                    // calls first: the step's transaction starts with its first query
        def dangling = http.get('/messages/dangling')
        def legacy = db('legacy').firstRow('''SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM threads) AS threads,
                                                     (SELECT count(*) FROM messages) AS messages''')
        def mapped = sql.rows('SELECT namespace, count(*) AS n FROM _migrationidmap GROUP BY namespace').collectEntries { [(it.namespace): it.n] }
        ['users', 'threads', 'messages'].each { kind ->
            assert mapped[kind] == legacy[kind]: "${kind}: ${legacy[kind]} in the legacy database, ${mapped[kind]} mapped"
            assert stored[kind] == legacy[kind]: "${kind}: ${legacy[kind]} in the legacy database, ${stored[kind]} in the store"
        }
        assert dangling.count == 0: "${dangling.count} messages point to a thread the store does not have"
        [users: legacy.users, threads: legacy.threads, messages: legacy.messages]
    }
}
