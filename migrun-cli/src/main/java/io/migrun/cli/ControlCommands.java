package io.migrun.cli;

import io.migrun.MigrationInfo;
import io.migrun.MigrationVersion;
import io.migrun.RowError;
import io.migrun.config.ProjectFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/** The operator's commands for one resumable migration: pause, resume, cancel, retry, errors. */
final class ControlCommands {

    private ControlCommands() {
    }

    /** Shared by the commands that name one version. */
    abstract static class VersionCommand extends MigrunCommand.ConfiguredCommand {
        @Parameters(paramLabel = "VERSION", description = "The migration's version.")
        String version;

        MigrationVersion parsed() {
            return version("version", version);
        }

        int print(MigrationInfo info, String what) {
            context().out().println("V" + info.version() + " " + what);
            return ExitCodes.OK;
        }
    }

    @Command(name = "pause", description = "Pause a migration at its next checkpoint (a running one stops there); up will not start it until resume.",
            footer = {"", "Examples:",
                    "  migrun pause 7                 V7 stops at its next checkpoint and waits",
                    "  migrun pause 7 --env prod      the same on migrun.yml's prod environment"})
    static final class Pause extends VersionCommand {
        @Override
        public Integer call() {
            return withMigrun(m -> print(m.pause(parsed()), "will pause at its next checkpoint; migrun resume " + version + " lifts the pause."));
        }
    }

    @Command(name = "resume", description = "Lift a pause; the next migrun up resumes the migration from its checkpoint.",
            footer = {"", "Examples:",
                    "  migrun resume 7                lift V7's pause; migrun up goes on with it",
                    "  migrun resume 7 && migrun up   lift it and go on from its checkpoint now"})
    static final class Resume extends VersionCommand {
        @Override
        public Integer call() {
            return withMigrun(m -> print(m.resume(parsed()), "may go on; run migrun up to resume it."));
        }
    }

    @Command(name = "cancel", description = "Stop a migration at its next checkpoint, keeping what it committed, and hold it until retry.",
            footer = {"", "Examples:",
                    "  migrun cancel 7                stop V7 at its next checkpoint, keep its work",
                    "  migrun cancel 7 --env prod     the same on migrun.yml's prod environment"})
    static final class Cancel extends VersionCommand {
        @Override
        public Integer call() {
            return withMigrun(m -> print(m.cancel(parsed()), "is cancelled: a running one stops at its next checkpoint; what it committed stays. migrun retry " + version + " runs it again."));
        }
    }

    @Command(name = "retry", description = "Lift a cancel; the next migrun up runs the migration again from its last checkpoint.",
            footer = {"", "Examples:",
                    "  migrun retry 7                 run cancelled V7 again at the next migrun up",
                    "  migrun retry 7 && migrun up    run it again now, from its last checkpoint"})
    static final class Retry extends VersionCommand {
        @Override
        public Integer call() {
            return withMigrun(m -> print(m.retry(parsed()), "will run again with the next migrun up, from its last checkpoint."));
        }
    }

    @Command(name = "errors", description = "List the rows a migration left unchanged under onError: 'skip'.",
            footer = {"", "Examples:",
                    "  migrun errors 7                rows V7 left unchanged under onError: 'skip'",
                    "  migrun up --retry-errors 7     drive those rows again once the cause is fixed"})
    static final class Errors extends VersionCommand {
        @Override
        ProjectFolder.Needs needs() {
            return ProjectFolder.Needs.LOG;
        }

        @Override
        public Integer call() {
            return withMigrun(m -> {
                List<RowError> errors = m.errors(parsed());
                if (errors.isEmpty()) {
                    context().out().println("V" + version + " has no failed rows.");
                    return ExitCodes.OK;
                }
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[]{"When (UTC)", "Step", "Row", "Error"});
                for (RowError e : errors) {
                    rows.add(new String[]{StatusCommand.WHEN.format(e.occurredAt()), e.step(), e.key(), e.error().replace('\n', ' ')});
                }
                Table.print(context().out(), rows);
                context().out().println(errors.size() + " failed row" + (errors.size() == 1 ? "" : "s") + " in V" + version + ".");
                return ExitCodes.OK;
            });
        }
    }
}
