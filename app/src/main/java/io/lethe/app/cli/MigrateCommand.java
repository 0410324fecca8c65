package io.lethe.app.cli;

import io.lethe.app.LetheNode;
import io.lethe.app.infra.ExternalInfrastructure;
import io.lethe.app.keys.KeyPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code lethe migrate}: apply the Flyway migrations to the external database ({@code POSTGRES_URL}, ...). */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply every schema migration to the database named by POSTGRES_URL.")
final class MigrateCommand implements Callable<Integer> {

    @Option(names = "--create-topics", description = "Also create the lethe.* Kafka topics where missing.")
    boolean createTopics;

    @Override
    public Integer call() {
        try (var infrastructure = ExternalInfrastructure.fromEnvironment()) {
            if (createTopics) {
                LetheNode.createTopics(infrastructure, System.getenv());
            }
            // A legacy private key in query.signing_keys goes to LETHE_LOG_SIGNING_KEY_FILE before V10 drops it.
            int applied = LetheNode.migrate(infrastructure, KeyPaths.fromEnvironment(System.getenv()).logSigningKey());
            System.out.println("applied " + applied + " migrations");
        }
        return 0;
    }
}
