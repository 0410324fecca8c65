package io.lethe.app.cli;

import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.app.AdminToken;
import io.lethe.app.CommandIntakeSettings;
import io.lethe.app.ForgetPolicies;
import io.lethe.app.LetheNode;
import io.lethe.app.ServiceSettings;
import io.lethe.app.infra.ExternalInfrastructure;
import io.lethe.app.keys.LedgerSecrets;
import io.lethe.app.keys.LogSigningKeys;
import io.lethe.app.metrics.MetricsServer;
import io.lethe.app.metrics.ProcessMetrics;
import io.lethe.command.CommandSide;
import io.lethe.command.CommandSideSettings;
import io.lethe.query.QuerySide;
import io.lethe.query.QuerySideSettings;
import io.lethe.query.consume.EventConsumer;
import io.lethe.worker.Worker;
import io.lethe.worker.WorkerSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code lethe service <name>}: one service on its own, against external Kafka and PostgreSQL
 * from the environment ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code POSTGRES_URL}, ...), as docker compose runs it.
 */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = "Run one service (command-side, query-side, worker) against external Kafka and PostgreSQL.")
final class ServiceCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "command-side | query-side | worker")
    String name;

    @Option(names = "--http-port", defaultValue = "8080", description = "query-side HTTP port (default ${DEFAULT-VALUE}).")
    int httpPort;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = System.getenv();
        if (!List.of("command-side", "query-side", "worker").contains(name)) {
            System.err.println("unknown service '" + name + "': use command-side, query-side or worker");
            return 2;
        }
        // The secrets first: a missing one is a configuration error to name in one line, before any connection.
        LedgerSecret ledgerSecret;
        KeyPair logSigningKey;
        try {
            ledgerSecret = name.equals("worker") ? null : LedgerSecrets.forService(env);
            logSigningKey = name.equals("query-side") ? LogSigningKeys.forService(env) : null;
        } catch (IllegalStateException | UncheckedIOException e) {
            System.err.println("cannot start " + name + ": " + e.getMessage());
            return 2;
        }
        List<AutoCloseable> running = new ArrayList<>();
        PrometheusMeterRegistry meters = ProcessMetrics.newRegistry();
        running.add(meters::close);
        try {
            metricsServer(env, meters).ifPresent(server -> running.add(0, server));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("cannot start " + name + ": " + e.getMessage());
            return 2;
        }
        ExternalInfrastructure infrastructure = ExternalInfrastructure.fromEnvironment(env);
        Map<String, Object> kafka = ServiceSettings.kafka(infrastructure, env);
        var db = ServiceSettings.dataSource(infrastructure, name, 8);
        running.add(0, db);
        switch (name) {
            case "command-side" -> running.add(0, CommandSide.start(
                    new CommandSideSettings(kafka, db, CommandIntakeSettings.maxCommandBytes(env),
                            ledgerSecret, ForgetPolicies.fromEnvironment(env),
                            CommandIntakeSettings.sources(env), CommandIntakeSettings.allowPlaintextPayloads(env),
                            meters)));
            case "query-side" -> running.add(0, QuerySide.start(
                    new QuerySideSettings(kafka, db, httpPort, AdminToken.resolve(env).value(),
                            EventConsumer.CONSUMER_GROUP, LetheNode.logSettings(env), ledgerSecret, logSigningKey,
                            meters)));
            default -> running.add(0, Worker.start(new WorkerSettings(kafka, db, workerId(env), meters)));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.forEach(ServiceCommand::closeQuietly);
            stopped.countDown();
        }, "lethe-shutdown"));
        System.out.println("ready service=" + name);
        markReady(env.get("LETHE_READY_FILE"));
        stopped.await();
        return 0;
    }

    /**
     * The command side's and a worker's {@code /metrics} port, opened before any connection so that a bad or
     * taken port stops the service at once. The query side serves {@code /metrics} on its own HTTP port.
     */
    private Optional<MetricsServer> metricsServer(Map<String, String> env, PrometheusMeterRegistry meters) {
        if (name.equals("query-side")) {
            return Optional.empty();
        }
        Optional<MetricsServer> server = MetricsServer.fromEnvironment(env, meters);
        server.ifPresent(s -> System.out.println("metrics on port " + s.port()));
        return server;
    }

    /** {@code LETHE_WORKER_ID}, else host and process id: unique per worker process, also when scaled. */
    private static String workerId(Map<String, String> env) {
        String configured = env.get("LETHE_WORKER_ID");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String host = env.getOrDefault("HOSTNAME", "localhost");
        return "worker-" + host + "-" + ProcessHandle.current().pid();
    }

    /** Container health checks look for this file; outside containers nothing is written. */
    private static void markReady(String readyFile) {
        if (readyFile == null || readyFile.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(readyFile), "ready\n");
        } catch (IOException e) {
            System.err.println("cannot write ready file " + readyFile + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("stopping failed: " + e.getMessage());
        }
    }
}
