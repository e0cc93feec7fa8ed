// A read-only analysis: runs in a read-only transaction, and its result is recorded.
// migrun run credit_report
description 'How credits are spread over users'
readOnly true

run {
    sql.firstRow('''SELECT count(*) AS users, coalesce(sum(credits), 0) AS total,
                           count(*) FILTER (WHERE credits = 0) AS without_credits FROM users''')
}
