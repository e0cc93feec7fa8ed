// An ad-hoc data fix: migrun run grant_credits --arg email=ada@example.com --arg credits=10
// The run, its arguments and its result are recorded in _migrationLog (see migrun history).
description 'Grant credits to one user'

arg 'email', String, required: true, description: 'the user to credit'
arg 'credits', BigDecimal, default: 10, description: 'how many credits'
arg 'reason', String, description: 'kept in the log with the run'

run {
    def updated = sql.executeUpdate('UPDATE users SET credits = credits + ? WHERE email = ?', [args.credits, args.email])
    if (updated == 0) {
        throw new IllegalArgumentException("no user has the email ${args.email}")
    }
    [updated: updated, credits: sql.firstRow('SELECT credits FROM users WHERE email = ?', [args.email]).credits]
}
