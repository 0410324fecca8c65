package io.lethe.app.cli;

import io.lethe.app.AdminToken;
import io.lethe.app.DemoSeeder;
import io.lethe.app.ServiceSettings;
import io.lethe.app.LetheNode;
import io.lethe.app.infra.Infrastructure;
import io.lethe.app.infra.InfrastructureFactory;
import io.lethe.app.keys.KeyPaths;
import io.lethe.app.keys.LedgerKeys;
import io.lethe.app.verify.Endpoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/** {@code lethe up}: everything in one JVM on the embedded default (or external servers from the environment). */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run every service in one JVM on embedded Kafka (KRaft) and PostgreSQL.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--http-port", defaultValue = "8080", description = "REST API and dashboard port (default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Embedded Kafka port (default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--data-dir", defaultValue = ".lethe",
            description = "Where Kafka, PostgreSQL and the keys (keys/) live (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--demo", description = "Seed the demo scenario through Kafka.")
    boolean demo;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = System.getenv();
        AdminToken.Token token = AdminToken.resolve(env);
        Infrastructure infrastructure = InfrastructureFactory.create(env, dataDir, kafkaPort, 0);
        LedgerKeys keys;
        try {
            keys = keys(infrastructure, env);
        } catch (IllegalStateException | UncheckedIOException e) {
            // Two different ledger secrets, an unreadable key file: the user's to fix, so one line, no trace.
            infrastructure.close();
            System.err.println("cannot start: " + e.getMessage());
            return 2;
        }
        LetheNode node;
        try {
            node = LetheNode.start(infrastructure, env, httpPort, token.value(), keys);
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            infrastructure.close();
            stopped.countDown();
        }, "lethe-shutdown"));
        if (token.generated()) {
            System.out.println("token=" + token.value());
        }
        writeEndpoints(infrastructure, node.httpPort());
        System.out.println("ready http=http://127.0.0.1:" + node.httpPort() + " kafka="
                + infrastructure.kafkaBootstrapServers());
        System.out.flush();
        if (demo) {
            DemoSeeder.seedInBackground(ServiceSettings.kafka(infrastructure, env), node.httpPort(), token.value());
            System.out.println("demo: seeding the face scenario through Kafka (model " + DemoSeeder.MODEL + ")");
        }
        stopped.await();
        return 0;
    }

    /**
     * The keys under {@code <data-dir>/keys/}, created on the first start. Migrating first moves a legacy private key
     * out of the database into its file before the migration drops it.
     */
    private LedgerKeys keys(Infrastructure infrastructure, Map<String, String> env) {
        LetheNode.migrate(infrastructure, KeyPaths.inDataDir(dataDir, env).logSigningKey());
        return LedgerKeys.forDataDir(env, dataDir);
    }

    /** Lets {@code lethe verify --data-dir} find this instance; failing to write it must not stop {@code up}. */
    private void writeEndpoints(Infrastructure infrastructure, int port) {
        try {
            new Endpoints("http://127.0.0.1:" + port, infrastructure.kafkaBootstrapServers(),
                    infrastructure.postgresUrl(), infrastructure.postgresUser(), infrastructure.postgresPassword())
                    .write(dataDir);
        } catch (IOException e) {
            System.err.println("cannot write " + dataDir.resolve(Endpoints.FILE) + ": " + e.getMessage());
        }
    }
}
