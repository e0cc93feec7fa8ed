package io.migrun.cli;

import picocli.CommandLine.Option;

/** {@code --yes}, shared by the commands that change a database. */
final class YesOption {

    @Option(names = "--yes", description = "Confirm changes to a protected environment without being asked (for jobs without a terminal).")
    boolean yes;
}
