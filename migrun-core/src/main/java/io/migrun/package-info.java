/**
 * The embedding API: {@link io.migrun.Migrun}, built by {@link io.migrun.Migrun#configure()}; the
 * commands it offers, {@link io.migrun.MigrunCommands}; and the types they take and return. Its
 * methods use only the types of this package and, for configuration, {@code io.migrun.config}.
 * What scripts see is in {@code io.migrun.dsl} and {@code io.migrun.helper}; nothing under
 * {@code io.migrun.internal} is API.
 *
 * <h2>Failures</h2>
 * Every failure is an unchecked {@link io.migrun.MigrunException}. Its message says what was found,
 * what was expected and how to fix it, and never holds a password or key. The subclass names the
 * area that failed and the exit code the CLI maps it to:
 * <ul>
 * <li>{@link io.migrun.ConfigurationException}, exit 2: wrong settings or arguments (a version
 * given as text that is not one), a database that cannot be reached, or a request that the state of
 * the migration refuses (repairing one that did not fail); thrown before anything changes.
 * <li>{@link io.migrun.ValidationException}, exit 3: the migrations folder is malformed, or
 * disagrees with the log; thrown before anything runs.
 * <li>{@link io.migrun.LockException}, exit 4: a command that changes the database did not get the
 * migration lock within the lock timeout, or a runner that lost the lock still works on the database.
 * <li>{@link io.migrun.MigrationFailedException}, exit 1: a script or block failed or was stopped
 * as asked, or an earlier failure blocks further work. A failed run is recorded in the log; the
 * message names the script's {@code file:line} and says what was rolled back.
 * <li>{@link io.migrun.MigrunException} itself, exit 1: the database failed outside a script, e.g.
 * while reading or writing the log.
 * </ul>
 * A null where a value is required, or a {@link io.migrun.PreparedScript} run by a {@code Migrun}
 * other than the one that prepared it, is a programming error: {@link NullPointerException} or
 * {@link IllegalArgumentException}.
 *
 * <h2>Results and threads</h2>
 * Results are immutable records (their lists and maps cannot be changed) and may be shared between
 * threads; versions in them are the text of the file name, which {@link io.migrun.MigrationVersion#parse}
 * reads back. {@link io.migrun.MigrationVersion} and {@link io.migrun.PreparedScript} are immutable
 * too. A {@link io.migrun.MigrationListener} is called on the thread that runs the command. Which
 * methods of a {@code Migrun} may be called from another thread is said on {@link io.migrun.Migrun}.
 */
package io.migrun;
