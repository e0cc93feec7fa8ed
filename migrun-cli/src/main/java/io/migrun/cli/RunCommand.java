package io.migrun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.migrun.AdHocResult;
import io.migrun.ConfigurationException;
import io.migrun.Migrun;
import io.migrun.PreparedScript;
import io.migrun.internal.json.Json;
import io.migrun.config.ProjectFolder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code migrun run}: one ad-hoc script with arguments, recorded in the log. */
@Command(name = "run", description = "Run an ad-hoc script (a path, or a name in scripts/) with arguments; the run, its arguments and its result are recorded.",
        footer = {"", "Examples:",
                "  migrun run grant_credits --arg email=a@b.c --dry-run",
                "  migrun run scripts/fix.groovy --once"})
final class RunCommand extends MigrunCommand.JsonCommand {

    @CommandLine.Mixin
    LockGuardOptions lockGuard;

    @Override
    LockGuardOptions lockGuard() {
        return lockGuard;
    }

    @Parameters(paramLabel = "SCRIPT", description = "A path, or the name of a script in the scripts folder, e.g. grant_credits.")
    String script;

    @Option(names = "--arg", paramLabel = "KEY=VALUE", description = "An argument the script declares; repeat for more.")
    List<String> pairs = List.of();

    @Option(names = "--args-json", paramLabel = "JSON", description = "Arguments as one JSON object, e.g. '{\"email\": \"a@b.c\"}'.")
    String argsJson;

    @Option(names = "--once", description = "Skip the run when a run of the same script with the same arguments already succeeded.")
    boolean once;

    @Option(names = "--dry-run", description = "Run it in a transaction that is rolled back; records nothing.")
    boolean dryRun;


    @CommandLine.Mixin
    YesOption confirm;

    /** An ad-hoc script names its own file: no project needed. */
    @Override
    ProjectFolder.Needs needs() {
        return ProjectFolder.Needs.NOTHING;
    }

    @Override
    public Integer call() {
        Map<String, String> args = args();
        return withMigrun(migrun -> {
            PreparedScript prepared = migrun.prepareScript(path(), args, argsJson, dryRun);
            return dryRun ? dryRun(migrun, prepared) : run(migrun, prepared);
        });
    }

    /** The {@code --arg} pairs, in the order given. */
    private Map<String, String> args() {
        Map<String, String> args = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq < 1) {
                throw new ConfigurationException("--arg " + p + " is not key=value, e.g. --arg email=a@b.c.");
            }
            if (args.put(p.substring(0, eq), p.substring(eq + 1)) != null) {
                throw new ConfigurationException("--arg " + p.substring(0, eq) + " is given twice.");
            }
        }
        return args;
    }

    /** SCRIPT as a path when it names a file relative to the working directory; otherwise as given, for the scripts folder. */
    private String path() {
        Path file = context().workDir().resolve(script);
        return file.toFile().isFile() ? file.toString() : script;
    }

    private int dryRun(Migrun migrun, PreparedScript prepared) {
        AdHocResult r = migrun.dryRunScript(prepared);
        if (json) {
            print(r);
            return ExitCodes.OK;
        }
        return DryRunReport.print(r.dryRun(), context().out(), prepared.name());
    }

    private int run(Migrun migrun, PreparedScript prepared) {
        if (!prepared.readOnly()) {
            Protection.confirm(json ? context().notesOnStderr() : context(), migrun.config(), confirm.yes,
                    () -> List.of("run " + prepared.name() + " with " + Json.write(prepared.args())));
        }
        AdHocResult r = migrun.runScript(prepared, once);
        if (json) {
            print(r);
        } else if (r.skipped() != null) {
            context().out().println(r.skipped());
        } else {
            context().out().println("Ran " + r.script() + " " + Json.write(r.args()) + " (" + r.durationMs() + " ms)");
            if (r.result() != null) {
                context().out().println("Result: " + r.result());
            }
        }
        return ExitCodes.OK;
    }

    /** The run as one JSON document, its results as JSON values. */
    private void print(AdHocResult r) {
        JsonNode doc = JsonOutput.tree(r);
        JsonOutput.embed(doc, "result");
        doc.path("dryRun").path("migrations").forEach(m -> JsonOutput.embed(m, "result"));
        JsonOutput.print(context(), doc);
    }
}
