package io.migrun;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a configured {@link Migrun} does: one method per {@code migrun} command (each CLI command is
 * its options and one call of these). {@code Migrun} is the implementation, with the stop controls;
 * code that runs commands may depend on this interface alone. Not meant to be implemented
 * elsewhere: methods may be added.
 *
 * <p><b>Versions.</b> Each method that names a migration takes a {@link MigrationVersion}; beside it
 * an overload takes the version as text and throws {@link ConfigurationException} naming the method
 * and the argument when the text is not a version, before anything runs. Where a version may be
 * left out ({@code to} of {@code down}, the one version of {@code verify} or {@code cleanup}), null
 * means "not given"; a literal {@code null} must then be cast, e.g. {@code down((MigrationVersion) null, 2)}.
 *
 * <p><b>Failures</b> are unchecked {@link MigrunException}s, each area one subclass and one CLI exit
 * code (see the {@link io.migrun package} summary). Every method that reaches the database throws
 * {@link ConfigurationException} when it cannot connect and {@link MigrunException} when the
 * database fails outside a script, and every one that reads the migrations folder throws
 * {@link ValidationException} when the folder is malformed; the {@code @throws} below name the rest.
 * Commands that change the database take the migration lock and throw {@link LockException} when
 * they do not get it within the lock timeout: {@code migrate}, {@code retryErrors}, {@code repair},
 * {@code down}, {@code cleanup}, {@code baseline}, {@code dropBackups} and {@code runScript} (for a
 * read-only script only to create the log table). The others read, apart from {@code pause},
 * {@code resume}, {@code cancel} and {@code retry}, which set or lift an operator's request without
 * the lock; a runner holding the lock honours it between batches.
 */
public interface MigrunCommands {

    /**
     * Applies pending migrations in version order; see {@link MigrateResult}.
     *
     * @throws ValidationException       the folder is malformed or disagrees with the log; nothing ran
     * @throws MigrationFailedException  a migration failed (recorded failed; those before it stay applied),
     *                                   an earlier failure that may have left changes blocks the run, or a stop request ended it
     */
    MigrateResult migrate();

    /** As {@link #migrate()}, and failing as it does, but ending early at a checkpoint when {@code limits} say so; see {@link MigrateResult#stopped()}. */
    MigrateResult migrate(RunLimits limits);

    /** Every migration's state, read without taking the lock or creating anything. */
    StatusResult status();

    /**
     * Checks the folder against the log.
     *
     * @throws ValidationException      listing every difference and how to fix it
     * @throws MigrationFailedException a failed or cancelled run blocks further work until it is repaired or retried
     */
    ValidateResult validate();

    /**
     * Runs the pending migrations in one transaction that is always rolled back, each batched walk
     * over its first {@code limit} rows (one batch when null), and reports what they changed. Records nothing.
     *
     * @throws ValidationException      as {@link #migrate()}
     * @throws MigrationFailedException a migration failed inside the dry run (nothing was committed), or a stop request ended it
     */
    DryRunResult dryRun(Long limit);

    /**
     * Drives again only the rows a migration left unchanged under {@code onError: 'skip'}.
     *
     * @throws ConfigurationException   the version is unknown, has no failed rows, or its file is gone
     * @throws MigrationFailedException the retry failed or was stopped; rows not retried keep their errors
     */
    RetryErrorsResult retryErrors(MigrationVersion version);

    /** {@link #retryErrors(MigrationVersion)} with the version as text. */
    default RetryErrorsResult retryErrors(String version) {
        return retryErrors(version("retryErrors", "version", version));
    }

    /**
     * Resolves what stops {@code migrate()} at {@code version} as {@code action} says (see {@link RepairAction}); recorded as a {@code repair} run.
     *
     * @throws ConfigurationException the version is unknown or not in the situation {@code action} resolves; nothing is written
     */
    MigrationInfo repair(MigrationVersion version, RepairAction action);

    /** {@link #repair(MigrationVersion, RepairAction)} with the version as text. */
    default MigrationInfo repair(String version, RepairAction action) {
        return repair(version("repair", "version", version), action);
    }

    /** {@link #repair(MigrationVersion, RepairAction)} with {@code MARK_APPLIED} when {@code markApplied}, else {@code RETRY}. */
    default MigrationInfo repair(MigrationVersion version, boolean markApplied) {
        return repair(version, markApplied ? RepairAction.MARK_APPLIED : RepairAction.RETRY);
    }

    /** {@link #repair(MigrationVersion, boolean)} with the version as text. */
    default MigrationInfo repair(String version, boolean markApplied) {
        return repair(version("repair", "version", version), markApplied);
    }

    /**
     * Holds a migration: a runner pauses it at its next checkpoint, and {@code migrate()} will not start it until {@link #resume}.
     *
     * @throws ConfigurationException nothing has run here yet, the version is unknown, or its state cannot be paused
     */
    MigrationInfo pause(MigrationVersion version);

    /** {@link #pause(MigrationVersion)} with the version as text. */
    default MigrationInfo pause(String version) {
        return pause(version("pause", "version", version));
    }

    /**
     * Lifts a pause; the next {@code migrate()} resumes the migration from its checkpoint.
     *
     * @throws ConfigurationException nothing has run here yet, the version is unknown, or no pause holds it
     */
    MigrationInfo resume(MigrationVersion version);

    /** {@link #resume(MigrationVersion)} with the version as text. */
    default MigrationInfo resume(String version) {
        return resume(version("resume", "version", version));
    }

    /**
     * Stops a migration at its next checkpoint, keeping what it committed, and holds it until {@link #retry}.
     *
     * @throws ConfigurationException nothing has run here yet, the version is unknown, or its state cannot be cancelled
     */
    MigrationInfo cancel(MigrationVersion version);

    /** {@link #cancel(MigrationVersion)} with the version as text. */
    default MigrationInfo cancel(String version) {
        return cancel(version("cancel", "version", version));
    }

    /**
     * Lifts a cancel; the next {@code migrate()} runs the migration again from its last checkpoint.
     *
     * @throws ConfigurationException nothing has run here yet, the version is unknown, or it is not cancelled
     */
    MigrationInfo retry(MigrationVersion version);

    /** {@link #retry(MigrationVersion)} with the version as text. */
    default MigrationInfo retry(String version) {
        return retry(version("retry", "version", version));
    }

    /** The rows a migration left unchanged under {@code onError: 'skip'}, oldest first. */
    List<RowError> errors(MigrationVersion version);

    /** {@link #errors(MigrationVersion)} with the version as text. */
    default List<RowError> errors(String version) {
        return errors(version("errors", "version", version));
    }

    /**
     * Undoes the newest applied migration ({@code to} and {@code count} null), every applied one
     * above {@code to}, or the newest {@code count}, newest first; each must have a {@code down}
     * block. A migration whose cleanup ran is undone only with {@code force}, as its down may destroy data.
     *
     * @throws ConfigurationException   both {@code to} and {@code count}, a count below 1, nothing to undo,
     *                                  a migration without a down block or (without {@code force}) whose cleanup ran
     * @throws ValidationException      the folder is malformed or disagrees with the log; nothing ran
     * @throws MigrationFailedException a down block failed (its migration stays applied) or a stop request ended the command
     */
    DownResult down(MigrationVersion to, Integer count, boolean force);

    /** {@link #down(MigrationVersion, Integer, boolean)} without {@code force}. */
    default DownResult down(MigrationVersion to, Integer count) {
        return down(to, count, false);
    }

    /** {@link #down(MigrationVersion, Integer, boolean)} with {@code to} as text. */
    default DownResult down(String to, Integer count, boolean force) {
        return down(to == null ? null : version("down", "to", to), count, force);
    }

    /** {@link #down(MigrationVersion, Integer)} with {@code to} as text. */
    default DownResult down(String to, Integer count) {
        return down(to == null ? null : version("down", "to", to), count, false);
    }

    /**
     * Runs the down blocks {@link #down(MigrationVersion, Integer, boolean)} would run in one
     * transaction that is rolled back, and reports what they changed; refuses what it refuses.
     *
     * @throws ConfigurationException   as {@code down}
     * @throws ValidationException      as {@code down}
     * @throws MigrationFailedException a down block failed (nothing was committed) or a stop request ended it
     */
    DryRunResult downDryRun(MigrationVersion to, Integer count, boolean force);

    /** {@link #downDryRun(MigrationVersion, Integer, boolean)} without {@code force}. */
    default DryRunResult downDryRun(MigrationVersion to, Integer count) {
        return downDryRun(to, count, false);
    }

    /** {@link #downDryRun(MigrationVersion, Integer, boolean)} with {@code to} as text. */
    default DryRunResult downDryRun(String to, Integer count, boolean force) {
        return downDryRun(to == null ? null : version("downDryRun", "to", to), count, force);
    }

    /** {@link #downDryRun(MigrationVersion, Integer)} with {@code to} as text. */
    default DryRunResult downDryRun(String to, Integer count) {
        return downDryRun(to == null ? null : version("downDryRun", "to", to), count, false);
    }

    /**
     * Runs the verify blocks of applied migrations (or of {@code version}; null for all) again,
     * read-only; failed expectations and blocks that threw are in the result, not thrown.
     *
     * @throws ConfigurationException   {@code version} is unknown, not applied, or declares no verify block
     * @throws MigrationFailedException a stop request ended the command
     */
    VerifyResult verify(MigrationVersion version);

    /** {@link #verify(MigrationVersion)} with the version as text. */
    default VerifyResult verify(String version) {
        return verify(version == null ? null : version("verify", "version", version));
    }

    /**
     * Runs the cleanups whose wait has passed, or the one of {@code version} ({@code force} runs it early).
     *
     * @throws ConfigurationException   {@code force} without a version, or that version has no cleanup due
     * @throws ValidationException      the folder is malformed or disagrees with the log; nothing ran
     * @throws MigrationFailedException a cleanup failed or a stop request ended the command
     */
    CleanupResult cleanup(MigrationVersion version, boolean force);

    /** {@link #cleanup(MigrationVersion, boolean)} with the version as text. */
    default CleanupResult cleanup(String version, boolean force) {
        return cleanup(version == null ? null : version("cleanup", "version", version), force);
    }

    /**
     * Records {@code version} as applied, with everything below, without running them; for a database migrun has not migrated.
     *
     * @throws ConfigurationException the log already has an applied or baselined migration
     */
    List<MigrationInfo> baseline(MigrationVersion version);

    /** {@link #baseline(MigrationVersion)} with the version as text. */
    default List<MigrationInfo> baseline(String version) {
        return baseline(version("baseline", "version", version));
    }

    /**
     * Finds an ad-hoc script (a path, or a name in the scripts folder), compiles it and binds its
     * arguments ({@code args} as text, or {@code argsJson}); its secret arguments join the mask. Runs nothing.
     *
     * @throws ConfigurationException   no such script, or arguments it does not declare, lacks or cannot convert
     * @throws MigrationFailedException the script does not compile or declares no {@code run} block
     */
    PreparedScript prepareScript(String nameOrPath, Map<String, String> args, String argsJson, boolean dryRun);

    /**
     * Runs a prepared ad-hoc script, recorded with its arguments and result; {@code once} skips it
     * after an earlier success with the same arguments.
     *
     * @throws MigrationFailedException the script failed (its transaction rolled back, the run recorded failed) or was stopped
     * @throws IllegalArgumentException another {@code Migrun} prepared it
     */
    AdHocResult runScript(PreparedScript script, boolean once);

    /**
     * Runs a prepared ad-hoc script in a transaction that is rolled back; records nothing.
     *
     * @throws ConfigurationException   the script runs without a transaction, which a dry run could not undo
     * @throws MigrationFailedException the script failed (nothing was committed) or was stopped
     * @throws IllegalArgumentException another {@code Migrun} prepared it
     */
    AdHocResult dryRunScript(PreparedScript script);

    /** Every run in the log, oldest first, or only those of one script (file name, with or without extension) or version ({@code V3}). */
    List<RunRecord> history(String script);

    /** The backup tables migrations took with {@code backup}, oldest first. */
    List<TableBackup> backups();

    /** The backups taken longer than {@code age} ago, oldest first: what {@link #dropBackups} would drop now. */
    List<TableBackup> backupsOlderThan(Duration age);

    /** Drops the backups taken longer than {@code age} ago and returns them. */
    List<TableBackup> dropBackups(Duration age);

    /**
     * Writes a new migration file with the next free version and returns its path. Needs no database.
     *
     * @throws ConfigurationException the description has no letters or digits, or the file cannot be written
     */
    Path newMigration(String description, boolean sql);

    /** A description of the database in use, with any password masked. Needs no connection. */
    String databaseDescription();

    private static MigrationVersion version(String method, String argument, String text) { return MigrationVersion.argument(method, argument, text); }
}
