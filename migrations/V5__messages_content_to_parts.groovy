// A resumable data migration: the step runs once; the backfill commits each batch with its
// checkpoint, so after a crash, Ctrl-C or `migrun pause 5` the next `migrun up` resumes after the
// last committed message. Code outside step/backfill would run again on every resume.
//
// Expand now, contract later: the old content column stays until `migrun cleanup` runs the
// cleanup block, a week after this migration was applied, when every reader uses parts.
description 'Move message content into typed parts'

up {
    step('add parts column') {
        sql.execute 'ALTER TABLE messages ADD COLUMN IF NOT EXISTS parts jsonb'
    }
    backfill('messages', where: 'parts IS NULL', batchSize: 1000, onError: 'skip') { m ->
        def parts = [[type: 'text', text: m.content]]
        if (m.tool_invocations) {
            parts << [type: 'tool-invocations', value: m.tool_invocations.toString()]
        }
        [parts: parts]                                  // the columns to write back for this row
    }
}

verify {
    expect 'every message has parts', count('messages', 'parts IS NULL') == 0
    expect 'no message points to a missing thread', orphans(child: 'messages', column: 'thread_id', parent: 'threads') == 0
}

cleanupAfter 7.days
cleanup {
    sql.execute 'ALTER TABLE messages DROP COLUMN content'
}

down {
    sql.execute 'ALTER TABLE messages DROP COLUMN parts'
}
