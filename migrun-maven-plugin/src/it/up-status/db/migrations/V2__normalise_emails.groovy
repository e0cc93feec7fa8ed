description 'Normalise emails'

up {
    def fixed = sql.executeUpdate('UPDATE users SET email = lower(trim(email)) WHERE email <> lower(trim(email))')
    log.info "normalised ${fixed} email(s)"
    [normalised: fixed]
}
