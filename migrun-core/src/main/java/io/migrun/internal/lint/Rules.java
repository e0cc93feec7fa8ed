package io.migrun.internal.lint;

import io.migrun.LintResult.Rule;

import java.util.List;
import java.util.Optional;

/** The rules {@code migrun lint} checks, with the texts its reports and the README show. */
public final class Rules {

    static final String NO_TRANSACTION = "a migration of its own that runs outside a transaction "
            + "(the line -- migrun: transaction false; in Groovy, transaction false)";

    static final Rule CREATE_INDEX = new Rule("MR001", "CREATE INDEX without CONCURRENTLY",
            "CREATE INDEX blocks every INSERT, UPDATE and DELETE on the table until the whole index is built.",
            "CREATE INDEX CONCURRENTLY, in " + NO_TRANSACTION + ".");
    static final Rule DROP_INDEX = new Rule("MR002", "DROP INDEX without CONCURRENTLY",
            "DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: it waits behind every query on it and blocks all later ones, reads included.",
            "DROP INDEX CONCURRENTLY, in " + NO_TRANSACTION + ".");
    static final Rule IN_TRANSACTION = new Rule("MR003", "Statement PostgreSQL refuses inside a transaction, in a transactional migration",
            "PostgreSQL refuses CREATE/DROP INDEX CONCURRENTLY, VACUUM and the like inside a transaction block, "
                    + "and migrun runs this migration in one: up stops before anything runs.",
            "Move the statement to " + NO_TRANSACTION + ".");
    static final Rule FOREIGN_KEY = new Rule("MR004", "ADD FOREIGN KEY without NOT VALID",
            "Adding a foreign key checks every existing row while it holds SHARE ROW EXCLUSIVE locks on both tables, blocking their writes.",
            "ADD CONSTRAINT … FOREIGN KEY … NOT VALID, then ALTER TABLE … VALIDATE CONSTRAINT … in a later migration (it blocks no writes).");
    static final Rule CHECK = new Rule("MR005", "ADD CHECK without NOT VALID",
            "Adding a CHECK constraint scans the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes.",
            "ADD CONSTRAINT … CHECK (…) NOT VALID, then ALTER TABLE … VALIDATE CONSTRAINT … in a later migration (it blocks no writes).");
    static final Rule SET_NOT_NULL = new Rule("MR006", "ALTER COLUMN … SET NOT NULL",
            "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock to prove no row is null.",
            "ADD CONSTRAINT … CHECK (column IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT it in a later migration; "
                    + "then SET NOT NULL, which on PostgreSQL 12 and later uses the valid check instead of a scan, and drop the check.");
    static final Rule COLUMN_TYPE = new Rule("MR007", "ALTER COLUMN … TYPE",
            "Changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock "
                    + "(but for binary-compatible changes such as varchar to text).",
            "Add a column of the new type, fill it in batches (backfill), move readers and writers to it, "
                    + "then drop the old column in a cleanup phase (cleanupAfter).");
    static final Rule VOLATILE_DEFAULT = new Rule("MR008", "ADD COLUMN with a volatile default",
            "A volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval(), a serial type) is computed "
                    + "for every row: the table is rewritten under an ACCESS EXCLUSIVE lock.",
            "Add the column without a default (or with a constant one), SET DEFAULT in a second statement for new rows, "
                    + "and fill the existing rows in batches (backfill).");
    static final Rule OLD_DEFAULT = new Rule("MR009", "ADD COLUMN with a default before PostgreSQL 11",
            "Before PostgreSQL 11 any non-null default rewrites the table under an ACCESS EXCLUSIVE lock.",
            "Add the column without a default, SET DEFAULT in a second statement, and fill the existing rows in batches (backfill).");
    static final Rule DROP = new Rule("MR010", "DROP TABLE or DROP COLUMN outside a cleanup phase",
            "Code still running against the old schema fails as soon as the table or column is gone.",
            "Expand/contract: stop using it first, then drop it in a Groovy migration's cleanup block "
                    + "(cleanupAfter 7.days; cleanup { … }), which migrun cleanup runs later.");
    static final Rule RENAME = new Rule("MR011", "RENAME of a table or column outside a cleanup phase",
            "Code still running uses the old name and fails as soon as the rename commits.",
            "Expand/contract: add the new table or column, write both and backfill, move readers to it, "
                    + "then drop the old one in a cleanup block (cleanupAfter).");
    static final Rule WHOLE_TABLE = new Rule("MR012", "UPDATE or DELETE without WHERE in a transactional migration",
            "It changes every row in one transaction: each row stays locked until the migration commits, and the table bloats.",
            "Use backfill 'table' { … } in a Groovy migration: it changes the rows in batches, each committed, and resumes where it stopped.");
    static final Rule TRUNCATE = new Rule("MR013", "TRUNCATE",
            "TRUNCATE takes an ACCESS EXCLUSIVE lock, blocking every query on the table, and removes every row.",
            "Delete the rows in batches (backfill), or drop the table in a cleanup phase once nothing uses it.");
    static final Rule VACUUM_FULL = new Rule("MR014", "VACUUM FULL",
            "VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock for as long as the copy takes.",
            "Plain VACUUM (without FULL), or pg_repack / pg_squeeze to compact the table online.");
    static final Rule CLUSTER = new Rule("MR015", "CLUSTER",
            "CLUSTER rewrites the table under an ACCESS EXCLUSIVE lock for as long as the copy takes.",
            "Leave the physical order alone, or use pg_repack --order-by to reorder the table online.");
    static final Rule LOCK = new Rule("MR016", "LOCK TABLE",
            "An explicit table lock (ACCESS EXCLUSIVE unless a mode is named) blocks every session whose locks conflict with it "
                    + "until the migration's transaction ends.",
            "Remove the LOCK; when it is needed, keep the transaction to the statements that need it and SET lock_timeout = '5s' first.");
    static final Rule IGNORE_WITHOUT_REASON = new Rule("MR017", "lint-ignore without a rule id and a reason",
            "A silenced rule with no reason leaves the next reader guessing why the risk was accepted; it silences nothing.",
            "Name the rule and say why: -- migrun: lint-ignore MR001 the table holds 40 rows (in Groovy: // migrun: lint-ignore MR001 …).");
    static final Rule UNIQUE = new Rule("MR018", "ADD PRIMARY KEY or UNIQUE without USING INDEX",
            "Adding a primary key or unique constraint builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes for the whole build.",
            "CREATE UNIQUE INDEX CONCURRENTLY … in " + NO_TRANSACTION + ", then ALTER TABLE … ADD CONSTRAINT … UNIQUE USING INDEX … "
                    + "(or PRIMARY KEY USING INDEX, once the columns are NOT NULL).");
    static final Rule ENUM_VALUE = new Rule("MR019", "ALTER TYPE … ADD VALUE in a transaction before PostgreSQL 12",
            "Before PostgreSQL 12 ALTER TYPE … ADD VALUE cannot run inside a transaction block, so the migration fails when it runs.",
            "Move the statement to " + NO_TRANSACTION + ".");

    /** Every rule, by id. */
    public static final List<Rule> ALL = List.of(CREATE_INDEX, DROP_INDEX, IN_TRANSACTION, FOREIGN_KEY, CHECK, SET_NOT_NULL, COLUMN_TYPE,
            VOLATILE_DEFAULT, OLD_DEFAULT, DROP, RENAME, WHOLE_TABLE, TRUNCATE, VACUUM_FULL, CLUSTER, LOCK, IGNORE_WITHOUT_REASON, UNIQUE, ENUM_VALUE);

    private Rules() {
    }

    /** The rule with this id (as written in a lint-ignore line, any case). */
    static Optional<Rule> find(String id) {
        return ALL.stream().filter(r -> r.id().equalsIgnoreCase(id)).findFirst();
    }
}
