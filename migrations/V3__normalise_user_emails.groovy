// A data fix in Groovy: the up block runs in one transaction with its log row, and what it
// returns is stored as the run's result in _migrationLog.
description 'Lower-case and trim user emails'

up {
    def fixed = sql.executeUpdate('UPDATE users SET email = lower(trim(email)) WHERE email <> lower(trim(email))')
    log.info "normalised ${fixed} email(s)"
    [normalised: fixed]
}
