package io.migrun.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The command list of {@code migrun --help}: one row per command under its own name, with its
 * aliases named at the end of the description. Picocli's list would print {@code up, migrate}
 * in the name column, which hides the name readers scan for.
 */
final class CommandList implements CommandLine.IHelpSectionRenderer {

    @Override
    public String render(Help help) {
        // subcommands() maps every name and alias to its command: keep each command once, in order
        Set<CommandLine> commands = new LinkedHashSet<>(help.commandSpec().subcommands().values());
        int nameWidth = commands.stream().mapToInt(c -> c.getCommandName().length()).max().orElse(0) + 2;
        TextTable table = TextTable.forColumns(help.colorScheme(), new Column(nameWidth + 2, 2, Overflow.SPAN),
                new Column(help.commandSpec().usageMessage().width() - nameWidth - 2, 2, Overflow.WRAP));
        for (CommandLine command : commands) {
            CommandSpec spec = command.getCommandSpec();
            if (!spec.usageMessage().hidden()) {
                table.addRowValues(spec.name(), describe(spec));
            }
        }
        return table.toString();
    }

    private static String describe(CommandSpec spec) {
        // as picocli's own list: the header when there is one (HelpCommand has), else the description
        String[] header = spec.usageMessage().header();
        String[] description = header.length > 0 ? header : spec.usageMessage().description();
        String text = description.length == 0 ? "" : description[0];
        return spec.aliases().length == 0 ? text : text + " Also: " + String.join(", ", spec.aliases()) + ".";
    }
}
