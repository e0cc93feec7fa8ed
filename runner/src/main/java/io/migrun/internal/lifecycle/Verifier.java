package io.migrun.internal.lifecycle;

import io.migrun.ConfigurationException;
import io.migrun.MigrationFailedException;
import io.migrun.MigrationListener;
import io.migrun.MigrationState;
import io.migrun.MigrationVersion;
import io.migrun.VerifyResult;
import io.migrun.config.MigrunConfig;
import io.migrun.config.Redaction;
import io.migrun.internal.apply.Plan;
import io.migrun.internal.apply.PreparedMigration;
import io.migrun.internal.apply.Preparer;
import io.migrun.internal.apply.VerifyFailure;
import io.migrun.internal.database.Database;
import io.migrun.internal.dialect.PostgresDialect;
import io.migrun.internal.load.GroovyCompiler;
import io.migrun.internal.load.ScriptScanner;
import io.migrun.internal.load.ScriptType;
import io.migrun.internal.session.Failures;
import io.migrun.internal.session.RunHelpers;
import io.migrun.internal.session.Session;
import io.migrun.internal.session.StopHandle;
import io.migrun.internal.session.Transactions;
import io.migrun.internal.walk.InlineBatches;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code migrun verify}: runs the {@code verify} blocks of applied migrations again, each in a
 * read-only transaction that is rolled back. Takes no lock and records nothing.
 */
public final class Verifier {

    private final MigrunConfig config;
    private final Database db;
    private final MigrationListener listener;
    private final StopHandle stop;

    public Verifier(MigrunConfig config, Database db, MigrationListener listener, StopHandle stop) {
        this.config = config;
        this.db = db;
        this.listener = listener;
        this.stop = stop;
    }

    /** @param only one version to verify, or null for every applied migration with a verify block */
    public VerifyResult verify(MigrationVersion only) {
        var scripts = new ScriptScanner(config.migrations()).scan();
        try (Session session = Session.reading(db, new PostgresDialect(), config);
             RunHelpers helpers = RunHelpers.of(config, session);
             StopHandle.Scope ignored = stop.enter(session)) {
            Plan plan = Plan.of(scripts, session.log());
            List<Plan.Item> items = new ArrayList<>();
            if (only != null) {
                Plan.Item i = plan.find(only).orElseThrow(() -> new ConfigurationException("Nothing to verify: version " + only
                        + " is neither in " + config.migrations() + " nor in the log."));
                if (i.state() != MigrationState.SUCCEEDED) {
                    throw new ConfigurationException("V" + only + " is " + i.state().label() + "; migrun verify checks applied migrations.");
                }
                items.add(i);
            } else {
                plan.items().stream().filter(i -> i.state() == MigrationState.SUCCEEDED && i.script().type() == ScriptType.GROOVY).forEach(items::add);
            }
            GroovyCompiler compiler = new GroovyCompiler();
            Preparer preparer = new Preparer(listener, false);
            Connection c = session.work();
            List<VerifyResult.Migration> out = new ArrayList<>();
            for (Plan.Item i : items) {
                if (stop.requested()) {
                    throw new MigrationFailedException(i.version().toString(), i.name(), "Stopped as asked before verifying V" + i.version()
                            + "; " + out.size() + " migration(s) were verified first. Run migrun verify again to check them all.", null);
                }
                PreparedMigration m = preparer.load(compiler, i.script());
                if (m.verify() == null) {
                    if (only != null) {
                        throw new ConfigurationException("V" + only + " (" + i.name() + ") declares no verify { } block.");
                    }
                    continue;
                }
                out.add(run(c, helpers, i, m));
            }
            return new VerifyResult(out);
        }
    }

    @SuppressWarnings("unchecked")
    private VerifyResult.Migration run(Connection c, RunHelpers helpers, Plan.Item i, PreparedMigration m) {
        String v = i.version().toString();
        try {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            List<String> passed = (List<String>) m.verify().run(() -> c, InlineBatches.all(c), helpers);
            return new VerifyResult.Migration(v, m.description(), passed, List.of(), null);
        } catch (VerifyFailure f) {
            return new VerifyResult.Migration(v, m.description(), List.of(), f.failures(), null);
        } catch (Exception | LinkageError | AssertionError | StackOverflowError | OutOfMemoryError e) {
            String what = Redaction.redact(Failures.describe(i.script(), e), config.secrets());
            if (stop.requested()) {
                throw new MigrationFailedException(v, i.name(), "Verify of V" + v + " (" + i.name() + ") was stopped as asked:\n  " + what.replace("\n", "\n  ")
                        + "\nIts read-only transaction was rolled back; nothing was changed or recorded. Run migrun verify again to check it.", Failures.unwrap(e));
            }
            return new VerifyResult.Migration(v, m.description(), List.of(), List.of(), what);
        } finally {
            Transactions.rollbackQuietly(c);
            try {
                c.setReadOnly(false);
            } catch (SQLException ignored) {
                // the next statement on a lost connection says so
            }
            Transactions.autoCommitQuietly(c);
        }
    }
}
