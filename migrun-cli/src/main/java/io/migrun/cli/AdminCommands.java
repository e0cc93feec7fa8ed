package io.migrun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.migrun.ConfigurationException;
import io.migrun.MigrationInfo;
import io.migrun.Migrun;
import io.migrun.RunRecord;
import io.migrun.TableBackup;
import io.migrun.config.Durations;
import io.migrun.config.ProjectFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code baseline}, {@code history} and {@code backups}: the log and the database around the migrations. */
final class AdminCommands {

    private AdminCommands() {
    }

    @Command(name = "baseline", description = "Record VERSION and everything below as applied without running them, for a database migrun has not migrated yet.",
            footer = {"", "Examples:",
                    "  migrun baseline --version 12   an existing database already at V12",
                    "  migrun baseline --version 12 --env prod --yes",
                    "                                 the same where protected, without a prompt"})
    static final class Baseline extends MigrunCommand.ConfiguredCommand {

        @Option(names = "--version", required = true, paramLabel = "VERSION", description = "The version the existing database is at.")
        String version;

        @CommandLine.Mixin
        YesOption confirm;

        @Override
        public Integer call() {
            return withMigrun(migrun -> {
                Protection.confirm(context(), migrun.config(), confirm.yes, () -> List.of("record V" + version + " and everything below as applied, without running them"));
                List<MigrationInfo> covered = migrun.baseline(version("--version", version));
                context().out().println("Baselined at version " + version + ": " + covered.size() + " migration" + (covered.size() == 1 ? "" : "s")
                        + " in the folder count as applied; migrun up applies the ones above.");
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "history", description = "List past runs from the log: migrations, downs, cleanups, repeatable and ad-hoc scripts, with arguments and results.",
            footer = {"", "Examples:",
                    "  migrun history                 every run in the log: arguments, results",
                    "  migrun history --script V3     only the runs of migration V3",
                    "  migrun history --script grant_credits --json",
                    "                                 the runs of grant_credits as one JSON document"})
    static final class History extends MigrunCommand.JsonCommand {

        @Option(names = "--script", paramLabel = "NAME", description = "Only the runs of this script (file name, with or without extension) or version (V3).")
        String script;

        @Override
        ProjectFolder.Needs needs() {
            return ProjectFolder.Needs.LOG;
        }


        @Override
        public Integer call() {
            return withMigrun(migrun -> {
                List<RunRecord> runs = migrun.history(script);
                if (json) {
                    JsonNode doc = JsonOutput.tree(runs);
                    doc.forEach(run -> JsonOutput.embed(run, "args", "result"));
                    JsonOutput.print(context(), doc);
                    return ExitCodes.OK;
                }
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[]{"Id", "When (UTC)", "Kind", "Script", "State", "Args", "Result or error"});
                for (RunRecord r : runs) {
                    String outcome = r.error() != null ? r.error().split("\n")[0] : r.result() == null ? "" : r.result();
                    rows.add(new String[]{String.valueOf(r.id()), StatusCommand.WHEN.format(r.startedAt()), r.kind(),
                            r.version() == null ? r.script() : "V" + r.version() + " " + r.script(), r.state(),
                            r.args() == null ? "" : r.args(), outcome.length() > 80 ? outcome.substring(0, 80) + "…" : outcome});
                }
                Table.print(context().out(), rows);
                context().out().println(runs.size() + " run" + (runs.size() == 1 ? "" : "s") + (script == null ? "" : " of " + script) + ".");
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "backups", description = "List the backup tables migrations took with backup, with sizes; --drop-older-than removes old ones.",
            footer = {"", "Examples:",
                    "  migrun backups                 list the backup tables, with rows and sizes",
                    "  migrun backups --drop-older-than 30d",
                    "                                 drop the backups taken more than 30 days ago"})
    static final class BackupsCommand extends MigrunCommand.ConfiguredCommand {

        @Option(names = "--drop-older-than", paramLabel = "AGE", description = "Drop the backups taken longer ago than this, e.g. 30d.")
        String dropOlderThan;

        @Override
        ProjectFolder.Needs needs() {
            return ProjectFolder.Needs.LOG;
        }

        @CommandLine.Mixin
        YesOption confirm;

        @Override
        public Integer call() {
            return withMigrun(migrun -> dropOlderThan != null ? drop(migrun) : list(migrun));
        }

        private int drop(Migrun migrun) {
            Duration age;
            try {
                age = Durations.parse(dropOlderThan);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("Invalid --drop-older-than: " + e.getMessage() + ".");
            }
            Protection.confirm(context(), migrun.config(), confirm.yes,
                    () -> migrun.backupsOlderThan(age).stream().map(b -> "drop " + b.table()).toList());
            List<TableBackup> dropped = migrun.dropBackups(age);
            dropped.forEach(b -> context().out().println("Dropped " + b.table() + " (" + b.rows() + " rows, taken " + StatusCommand.WHEN.format(b.takenAt()) + ")"));
            context().out().println("Dropped " + dropped.size() + " backup" + (dropped.size() == 1 ? "" : "s") + " older than " + dropOlderThan + ".");
            return ExitCodes.OK;
        }

        private int list(Migrun migrun) {
            List<TableBackup> all = migrun.backups();
            if (all.isEmpty()) {
                context().out().println("No backups.");
                return ExitCodes.OK;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"Backup", "Of", "Version", "Taken (UTC)", "Rows", "Size"});
            for (TableBackup b : all) {
                rows.add(new String[]{b.table(), b.source(), "V" + b.version(), StatusCommand.WHEN.format(b.takenAt()),
                        String.valueOf(b.rows()), size(b.bytes())});
            }
            Table.print(context().out(), rows);
            return ExitCodes.OK;
        }

        private static String size(long bytes) {
            return bytes < 1024 * 1024 ? (bytes + 1023) / 1024 + " kB" : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
        }
    }
}
