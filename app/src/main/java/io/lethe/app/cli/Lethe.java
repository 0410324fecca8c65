package io.lethe.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lethe}: the one runnable of the project. */
@Command(name = "lethe", mixinStandardHelpOptions = true, version = "lethe 0.1.0",
        description = "Event-sourced audit and unlearning ledger for hybrid analogue/digital RM accelerators.",
        subcommands = {UpCommand.class, MigrateCommand.class, ServiceCommand.class, VerifyCommand.class,
                BenchCommand.class, SimCommand.class, IngestCommand.class, KeysCommand.class, AuditCommand.class,
                WitnessCommand.class})
public final class Lethe implements Runnable {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        System.exit(new CommandLine(new Lethe()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
