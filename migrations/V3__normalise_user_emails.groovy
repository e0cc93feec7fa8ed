// A data fix in Groovy: the up block runs in one transaction with its log row, and what it
// returns is stored as the run's result in _migrationLog. The emails are copied to
// _backup_users_v3 first, so that `migrun down` can put them back exactly.
description 'Lower-case and trim user emails'

up {
    backup 'users'
    def fixed = sql.executeUpdate('UPDATE users SET email = lower(trim(email)) WHERE email <> lower(trim(email))')
    log.info "normalised ${fixed} email(s)"
    [normalised: fixed]
}

verify {
    expect 'no email has upper case or padding', count('users', 'email <> lower(trim(email))'), 0
}

down {
    sql.execute "UPDATE users u SET email = b.email FROM ${backupOf('users')} b WHERE b.id = u.id AND u.email <> b.email".toString()
}
