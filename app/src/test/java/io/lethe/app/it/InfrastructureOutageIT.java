package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.api.Topics;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.app.LetheNode;
import io.lethe.app.infra.EmbeddedInfrastructure;
import io.lethe.app.infra.EmbeddedKafka;
import io.lethe.app.infra.EmbeddedPostgresServer;
import io.lethe.app.infra.Infrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL, then the Kafka broker, stopped and restarted under a stream of commands: afterwards
 * every command took effect exactly once and was answered "accepted". The node itself keeps running;
 * only the servers go away (same ports, same data directories).
 */
class InfrastructureOutageIT {

    private static final int PER_PHASE = 200;
    private static final Duration OUTAGE = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;

    @Test
    void nothingIsLostWhenPostgresAndThenKafkaRestartUnderLoad() throws Exception {
        int kafkaPort = freePort();
        int postgresPort = freePort();
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(dataDir, kafkaPort, postgresPort);
        Servers servers = new Servers(infrastructure);
        try (LetheNode node = LetheNode.start(infrastructure, Map.of(), 0, "outage", LedgerSecret.generate());
             KafkaTestClient kafka = new KafkaTestClient(infrastructure.kafkaBootstrapServers())) {
            streamWithOutage(kafka, "pg", () -> servers.restartPostgres(dataDir, postgresPort));
            streamWithOutage(kafka, "kafka", () -> servers.restartKafka(dataDir, kafkaPort));

            Map<String, Set<String>> statuses = replies(kafka);
            assertThat(statuses).hasSize(2 * PER_PHASE);
            assertThat(statuses.values()).allSatisfy(s -> assertThat(s).containsOnly("accepted"));
            await().atMost(Duration.ofMinutes(2)).until(() -> count(infrastructure,
                    "SELECT count(*) FROM query.models WHERE model_id LIKE 'outage-%'") == 2 * PER_PHASE);
            assertThat(count(infrastructure, "SELECT count(*) FROM events.domainevententry WHERE type = 'Model'"
                    + " AND aggregateidentifier LIKE 'outage-%'")).isEqualTo(2 * PER_PHASE);
            assertThat(count(infrastructure, "SELECT count(*) FROM events.processed_commands"
                    + " WHERE command_id LIKE 'outage-%'")).isEqualTo(2 * PER_PHASE);
        } finally {
            servers.close();
        }
    }

    /** Sends a phase's commands at a steady pace and takes the server away in the middle of it. */
    private static void streamWithOutage(KafkaTestClient kafka, String phase, ThrowingRunnable outage)
            throws Exception {
        for (int i = 0; i < PER_PHASE; i++) {
            kafka.sendAsync(Topics.COMMANDS, "outage-" + phase + "-" + i,
                    KafkaTestClient.registerModel("outage-" + phase + "-cmd-" + i, "outage-" + phase + "-" + i, "face"));
            if (i == PER_PHASE / 2) {
                kafka.flush();
                outage.run();
            }
            Thread.sleep(10);
        }
        kafka.flush();
    }

    private static Map<String, Set<String>> replies(KafkaTestClient kafka) throws Exception {
        List<ConsumerRecord<String, byte[]>> read = kafka.readUntil(Topics.COMMAND_RESULTS,
                records -> records.stream().map(ConsumerRecord::key).filter(k -> k != null && k.startsWith("outage-"))
                        .distinct().count() >= 2 * PER_PHASE, Duration.ofMinutes(4));
        Map<String, Set<String>> statuses = new HashMap<>();
        for (ConsumerRecord<String, byte[]> reply : read) {
            if (reply.key() != null && reply.key().startsWith("outage-")) {
                JsonNode json = Json.mapper().readTree(reply.value());
                statuses.computeIfAbsent(reply.key(), k -> new HashSet<>()).add(json.get("status").asText());
            }
        }
        return statuses;
    }

    private static long count(Infrastructure infrastructure, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(infrastructure.postgresUrl(), infrastructure.postgresUser(),
                infrastructure.postgresPassword()); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The servers as they are after restarts; the node only knows their (unchanged) addresses. */
    private static final class Servers implements AutoCloseable {

        private final EmbeddedInfrastructure original;
        private EmbeddedPostgresServer postgres;
        private EmbeddedKafka kafka;

        Servers(EmbeddedInfrastructure original) {
            this.original = original;
        }

        void restartPostgres(Path dataDir, int port) throws Exception {
            current(postgres, original.postgres()).stop();
            Thread.sleep(OUTAGE.toMillis());
            postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), port);
        }

        void restartKafka(Path dataDir, int port) throws Exception {
            current(kafka, original.kafka()).stop();
            Thread.sleep(OUTAGE.toMillis());
            kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), port);
        }

        private static <T> T current(T restarted, T original) {
            return restarted != null ? restarted : original;
        }

        @Override
        public void close() {
            if (kafka != null) {
                kafka.stop();
            }
            if (postgres != null) {
                postgres.stop();
            }
            original.close();
        }
    }
}
