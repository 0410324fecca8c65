package io.lethe.app.cli;

import io.lethe.app.LetheNode;
import io.lethe.app.ServiceSettings;
import io.lethe.app.infra.ExternalInfrastructure;
import io.lethe.migrations.Migrations;
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
        try (var infrastructure = ExternalInfrastructure.fromEnvironment();
             var db = ServiceSettings.dataSource(infrastructure, "migrations", 3)) {
            if (createTopics) {
                LetheNode.createTopics(infrastructure);
            }
            System.out.println("applied " + Migrations.migrate(db) + " migrations");
        }
        return 0;
    }
}
