package io.migrun.internal.apply;

import io.migrun.ConfigurationException;
import io.migrun.MigrationFailedException;
import io.migrun.MigrationVersion;
import io.migrun.RetryErrorsResult;
import io.migrun.RowError;
import io.migrun.internal.history.NewRun;
import io.migrun.internal.history.RunKind;
import io.migrun.internal.history.RunState;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.load.ScriptScanner;
import io.migrun.internal.session.BlockRun;
import io.migrun.internal.session.Commands;
import io.migrun.internal.session.RunHelpers;
import io.migrun.internal.session.Session;
import io.migrun.internal.walk.ErrorRetry;
import io.migrun.internal.walk.StopRun;

import java.util.List;

/**
 * {@code up --retry-errors}: drives again only the rows a migration left unchanged under
 * {@code onError: 'skip'}: steps are skipped, each walk visits its failed rows one by one, each in
 * its own transaction, and each row's error is resolved or updated. Recorded as a
 * {@code retry-errors} run.
 */
public final class RetryErrors {

    private final Commands commands;
    private final Migrator migrator;
    private final Preparer preparer;

    public RetryErrors(Commands commands, Migrator migrator) {
        this.commands = commands;
        this.migrator = migrator;
        this.preparer = new Preparer(commands.listener(), false);
    }

    /** Retries the failed rows of {@code version}. */
    public RetryErrorsResult retry(MigrationVersion version) {
        List<ResolvedScript> scripts = new ScriptScanner(commands.config().migrations()).scan();
        return commands.run(Commands.Access.LOCK, session -> retry(session, scripts, version));
    }

    private RetryErrorsResult retry(Session session, List<ResolvedScript> scripts, MigrationVersion version) {
        String v = version.toString();
        String folder = commands.config().migrations().toString();
        Plan.Item item = Plan.of(scripts, session.log()).find(version)
                .orElseThrow(() -> new ConfigurationException("Nothing to retry: version " + version + " is neither in " + folder + " nor in the log."));
        List<RowError> errors = session.progress().errors(session.work(), v);
        if (errors.isEmpty()) {
            throw new ConfigurationException("V" + v + " has no failed rows to retry.");
        }
        if (item.script() == null) {
            throw new ConfigurationException("Cannot retry the failed rows of V" + v + ": its file is not in " + folder + ".");
        }
        ResolvedScript script = item.script();
        PreparedMigration m;
        try {
            m = preparer.load(migrator.compiler(), script);
        } catch (RuntimeException | LinkageError e) {
            throw BlockRun.of(session, script, run(script, script.description()), new UpWording(script)).failedToStart(e);
        }
        RunHelpers helpers = session.helpers();
        ErrorRetry retry = new ErrorRetry(session.work(), session.progress(), script, errors, commands.listener(), helpers, session.stop());
        BlockRun.Outcome o = BlockRun.of(session, script, run(script, m.description()), new UpWording(script))
                .ownTransactions()
                .stops(e -> e instanceof StopRun ? stopped(retry, errors.size(), script) : null)
                .run(() -> {
                    m.work().run(session::work, retry, helpers);
                    return new RetryErrorsResult(v, errors.size(), retry.fixed(), retry.stillFailing());
                });
        return (RetryErrorsResult) o.value();
    }

    /** A stop between rows: the run is recorded failed with how far it got; the rows not retried keep their errors. */
    private static BlockRun.Stop stopped(ErrorRetry retry, int rows, ResolvedScript script) {
        String v = script.version().toString();
        String what = "stopped as asked after " + (retry.fixed() + retry.stillFailing()) + " of " + rows + " failed rows (" + retry.fixed()
                + " went through, " + retry.stillFailing() + " failed again); the rows not retried keep their errors";
        return new BlockRun.Stop(RunState.FAILED, what,
                new MigrationFailedException(v, script.name(), "up --retry-errors " + v + " was " + what + ". Run migrun up --retry-errors " + v + " to go on.", null));
    }

    private static NewRun run(ResolvedScript script, String description) {
        return new NewRun(script.version().toString(), description, script.name(), RunKind.RETRY_ERRORS, script.checksum(), true);
    }
}
