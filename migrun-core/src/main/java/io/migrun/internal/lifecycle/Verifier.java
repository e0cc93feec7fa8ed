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
import io.migrun.internal.load.GroovyCompiler;
import io.migrun.internal.load.ResolvedScript;
import io.migrun.internal.load.ScriptScanner;
import io.migrun.internal.load.ScriptType;
import io.migrun.internal.session.Commands;
import io.migrun.internal.session.Failures;
import io.migrun.internal.session.RunHelpers;
import io.migrun.internal.session.Session;
import io.migrun.internal.session.Transactions;
import io.migrun.internal.walk.InlineBatches;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code migrun verify}: runs the {@code verify} blocks of applied migrations again, each in a
 * read-only transaction that is rolled back. Takes no lock and records nothing.
 */
public final class Verifier {

    private final Commands commands;
    private final MigrunConfig config;
    private final MigrationListener listener;

    public Verifier(Commands commands) {
        this.commands = commands;
        this.config = commands.config();
        this.listener = commands.listener();
    }

    /** @param only one version to verify, or null for every applied migration with a verify block */
    public VerifyResult verify(MigrationVersion only) {
        List<ResolvedScript> scripts = new ScriptScanner(config.migrations()).scan();
        return commands.run(Commands.Access.READ, session -> {
            List<Plan.Item> items = chosen(Plan.of(scripts, session.log()), only);
            GroovyCompiler compiler = new GroovyCompiler();
            Preparer preparer = new Preparer(listener, false);
            List<VerifyResult.Migration> out = new ArrayList<>();
            for (Plan.Item i : items) {
                if (session.stopRequested()) {
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
                out.add(run(session, i, m));
            }
            return new VerifyResult(out);
        });
    }

    /** The applied migration {@code only}, or every applied Groovy migration. */
    private List<Plan.Item> chosen(Plan plan, MigrationVersion only) {
        if (only == null) {
            return plan.items().stream().filter(i -> i.state() == MigrationState.SUCCEEDED && i.script().type() == ScriptType.GROOVY).toList();
        }
        Plan.Item i = plan.find(only).orElseThrow(() -> new ConfigurationException("Nothing to verify: version " + only
                + " is neither in " + config.migrations() + " nor in the log."));
        if (i.state() != MigrationState.SUCCEEDED) {
            throw new ConfigurationException("V" + only + " is " + i.state().label() + "; migrun verify checks applied migrations.");
        }
        return List.of(i);
    }

    @SuppressWarnings("unchecked")
    private VerifyResult.Migration run(Session session, Plan.Item i, PreparedMigration m) {
        String v = i.version().toString();
        Connection c = session.work();
        RunHelpers helpers = session.helpers();
        try {
            List<String> passed = Transactions.rolledBack(session, true, () -> (List<String>) m.verify().run(() -> c, InlineBatches.all(c), helpers));
            return new VerifyResult.Migration(v, m.description(), passed, List.of(), null);
        } catch (VerifyFailure f) {
            return new VerifyResult.Migration(v, m.description(), List.of(), f.failures(), null);
        } catch (Exception | LinkageError | AssertionError | StackOverflowError | OutOfMemoryError e) {
            String what = Redaction.redact(Failures.describe(i.script(), e), config.secrets());
            if (session.stopRequested()) {
                throw new MigrationFailedException(v, i.name(), "Verify of V" + v + " (" + i.name() + ") was stopped as asked:\n  " + what.replace("\n", "\n  ")
                        + "\nIts read-only transaction was rolled back; nothing was changed or recorded. Run migrun verify again to check it.", Failures.unwrap(e));
            }
            return new VerifyResult.Migration(v, m.description(), List.of(), List.of(), what);
        }
    }
}
