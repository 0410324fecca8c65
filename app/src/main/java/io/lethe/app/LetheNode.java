package io.lethe.app;

import com.zaxxer.hikari.HikariDataSource;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.app.infra.Infrastructure;
import io.lethe.app.infra.TopicPolicy;
import io.lethe.app.keys.LedgerKeys;
import io.lethe.app.keys.LegacySigningKey;
import io.lethe.app.metrics.ProcessMetrics;
import io.lethe.command.CommandSide;
import io.lethe.command.CommandSideSettings;
import io.lethe.migrations.Migrations;
import io.lethe.query.QuerySide;
import io.lethe.query.QuerySideSettings;
import io.lethe.query.consume.EventConsumer;
import io.lethe.query.witness.WitnessEndpoint;
import io.lethe.query.log.TransparencyLog;
import io.lethe.worker.Worker;
import io.lethe.worker.WorkerSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every Lethe service in one JVM on one infrastructure: what {@code lethe up} runs. The services
 * share nothing but Kafka and PostgreSQL, exactly as when they run as separate processes.
 */
public final class LetheNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LetheNode.class);
    /** Partitions per topic; several, so per-key ordering (not global order) is what we rely on. */
    public static final int PARTITIONS = TopicPolicy.PARTITIONS;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private QuerySide querySide;

    private LetheNode() {
    }

    /** A throwaway node with fresh keys (tests): commitments and signatures differ from any other node's. */
    public static LetheNode start(Infrastructure infrastructure, Map<String, String> env, int httpPort,
                                  String adminToken) {
        return start(infrastructure, env, httpPort, adminToken, LedgerKeys.generate());
    }

    /** A node with a given ledger secret and a fresh log signing key (tests). */
    public static LetheNode start(Infrastructure infrastructure, Map<String, String> env, int httpPort,
                                  String adminToken, LedgerSecret ledgerSecret) {
        return start(infrastructure, env, httpPort, adminToken, LedgerKeys.withSecret(ledgerSecret));
    }

    /** Starts every service with the ledger's keys; the caller owns the infrastructure. */
    public static LetheNode start(Infrastructure infrastructure, Map<String, String> env, int httpPort,
                                  String adminToken, LedgerKeys keys) {
        LetheNode node = new LetheNode();
        try {
            node.startAll(infrastructure, env, httpPort, adminToken, keys);
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private void startAll(Infrastructure infrastructure, Map<String, String> env, int httpPort, String adminToken,
                          LedgerKeys keys) {
        createTopics(infrastructure, env);
        migrate(infrastructure, Optional.empty());
        // One registry for the three services: the query side's /metrics shows them all.
        PrometheusMeterRegistry meters = ProcessMetrics.newRegistry();
        track(meters::close);
        LedgerSecret ledgerSecret = keys.ledgerSecret();
        Map<String, Object> kafka = ServiceSettings.kafka(infrastructure, env);
        HikariDataSource commandDb = track(ServiceSettings.dataSource(infrastructure, "command-side", 8));
        CommandSide commandSide = track(CommandSide.start(new CommandSideSettings(kafka, commandDb,
                CommandIntakeSettings.maxCommandBytes(env), ledgerSecret, ForgetPolicies.fromEnvironment(env),
                CommandIntakeSettings.sources(env), CommandIntakeSettings.allowPlaintextPayloads(env), meters)));
        HikariDataSource queryDb = track(ServiceSettings.dataSource(infrastructure, "query-side", 8));
        // The worker starts after the API; until then it counts as running.
        AtomicReference<Worker> worker = new AtomicReference<>();
        querySide = track(QuerySide.start(new QuerySideSettings(kafka, queryDb, httpPort, adminToken,
                        EventConsumer.CONSUMER_GROUP, logSettings(env), ledgerSecret, keys.logSigningKey(), meters),
                Map.of("commandIntake", commandSide::intakeAlive,
                        "jobConsumer", () -> worker.get() == null || worker.get().isAlive())));
        HikariDataSource workerDb = track(ServiceSettings.dataSource(infrastructure, "worker", 4));
        worker.set(track(Worker.start(new WorkerSettings(kafka, workerDb, "node-" + ProcessHandle.current().pid(),
                meters))));
    }

    /** The default log settings, submitting checkpoints to the witnesses {@code LETHE_WITNESSES} names. */
    public static QuerySideSettings.LogSettings logSettings(Map<String, String> env) {
        return QuerySideSettings.LogSettings.withWitnesses(WitnessEndpoint.parseList(env.get(WitnessEndpoint.ENV)));
    }

    /** Creates the contract's topics where missing (auto-creation is off on purpose), with the default policy. */
    public static void createTopics(Infrastructure infrastructure) {
        createTopics(infrastructure, Map.of());
    }

    /** Creates the contract's topics where missing, with the {@link TopicPolicy} the environment sets. */
    public static void createTopics(Infrastructure infrastructure, Map<String, String> env) {
        infrastructure.ensureTopics(TopicPolicy.fromEnvironment(env).specs());
    }

    /**
     * Applies the Flyway migrations, first exporting a legacy private key from {@code query.signing_keys} to
     * {@code legacyKeyFile} (see {@link LegacySigningKey}).
     *
     * @return how many migrations ran
     */
    public static int migrate(Infrastructure infrastructure, Optional<Path> legacyKeyFile) {
        try (HikariDataSource db = ServiceSettings.dataSource(infrastructure, "migrations", 3)) {
            LegacySigningKey.exportBeforeMigrating(db, legacyKeyFile, TransparencyLog.DEFAULT_ORIGIN);
            int applied = Migrations.migrate(db);
            LOG.info("database migrated ({} new migrations)", applied);
            return applied;
        }
    }

    public int httpPort() {
        return querySide.httpPort();
    }

    public QuerySide querySide() {
        return querySide;
    }

    private <T extends AutoCloseable> T track(T service) {
        started.push(service);
        return service;
    }

    /** Stops services in reverse start order; each one drains what it has in flight. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable service = started.pop();
            try {
                service.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed", service.getClass().getSimpleName(), e);
            }
        }
    }
}
