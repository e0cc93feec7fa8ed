package io.migrun.cli;

import io.migrun.helper.Keyring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.util.concurrent.Callable;

/** {@code migrun keys generate <id>}: prints a new AES-256 key as a keyring line. */
@Command(name = "keys", description = "Manage keys for the scripts' crypto helper.", subcommands = KeysCommand.Generate.class,
        footer = {"", "Examples:",
                "  migrun keys generate k2026a    print a new key as k2026a=<base64>",
                "  migrun keys generate --help    where a new key goes to rotate keys"})
final class KeysCommand implements Runnable {

    @CommandLine.ParentCommand
    MigrunCommand parent;

    @Override
    public void run() {
        CommandLine.usage(this, parent.context.out());
    }

    @Command(name = "generate", description = {"Print a new random AES-256 key as id=<base64>, a line for MIGRUN_KEYS or a keys file.",
            "Put the new key first to make it the primary (it encrypts); keep the old ones after it so their values still decrypt."},
            footer = {"", "Examples:",
                    "  migrun keys generate k2026a    print a new key as k2026a=<base64>",
                    "  export MIGRUN_KEYS=\"$(migrun keys generate k2026b),$MIGRUN_KEYS\"",
                    "                                 rotate: the new key first, then the old ones"})
    static final class Generate implements Callable<Integer> {

        @CommandLine.ParentCommand
        KeysCommand keys;

        @Parameters(paramLabel = "ID", description = "The key's id, stored with every value it encrypts: 1 to 32 letters, digits, '_' or '-', e.g. k2026a.")
        String id;

        @Override
        public Integer call() {
            keys.parent.context.out().println(Keyring.generate(id));
            return ExitCodes.OK;
        }
    }
}
