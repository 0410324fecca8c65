package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.api.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lethe up} killed with SIGKILL in the middle of a stream of 2,000 commands, then restarted on
 * the same data: every command's effect exactly once, every reply "accepted" (a redelivered command
 * is recognised, never re-applied and so never rejected as a duplicate model), under {@code -Xmx512m}.
 */
class CrashRecoveryIT {

    private static final int COMMANDS = 2_000;
    private static final Duration START = Duration.ofMinutes(3);

    @TempDir
    Path dataDir;

    @Test
    void aKilledNodeRestartsWithEveryCommandAppliedExactlyOnce() throws Exception {
        int httpPort = LetheProcess.freePort();
        int kafkaPort = LetheProcess.freePort();
        String postgresUrl;
        try (LetheProcess first = LetheProcess.up(dataDir, httpPort, kafkaPort)) {
            first.awaitReady(START);
            try (KafkaTestClient kafka = new KafkaTestClient(first.kafkaBootstrap())) {
                for (int i = 0; i < COMMANDS; i++) {
                    kafka.sendAsync(Topics.COMMANDS, "crash-" + i,
                            KafkaTestClient.registerModel("crash-cmd-" + i, "crash-" + i, "face"));
                }
                kafka.flush();
                kafka.readUntil(Topics.COMMAND_RESULTS, read -> read.size() >= COMMANDS / 4, Duration.ofMinutes(2));
            }
            System.out.println("resident memory under load with -Xmx512m: " + first.residentKiB() / 1024 + " MiB");
            first.kill();
        }
        try (LetheProcess second = LetheProcess.up(dataDir, httpPort, kafkaPort);
             KafkaTestClient kafka = new KafkaTestClient(second.kafkaBootstrap())) {
            second.awaitReady(START);
            postgresUrl = second.postgresUrl();
            List<ConsumerRecord<String, byte[]>> replies = kafka.readUntil(Topics.COMMAND_RESULTS,
                    read -> read.stream().map(ConsumerRecord::key).filter(k -> k != null && k.startsWith("crash-cmd-"))
                            .collect(Collectors.toSet()).size() >= COMMANDS, Duration.ofMinutes(5));
            Map<String, Set<String>> statuses = new HashMap<>();
            for (ConsumerRecord<String, byte[]> reply : replies) {
                if (reply.key() != null && reply.key().startsWith("crash-cmd-")) {
                    JsonNode json = Json.mapper().readTree(reply.value());
                    statuses.computeIfAbsent(reply.key(), k -> new java.util.HashSet<>()).add(json.get("status").asText());
                }
            }
            assertThat(statuses).hasSize(COMMANDS);
            assertThat(statuses.values()).allSatisfy(s -> assertThat(s).containsOnly("accepted"));
            assertThat(count(postgresUrl, "SELECT count(*) FROM events.domainevententry WHERE type = 'Model'"
                    + " AND aggregateidentifier LIKE 'crash-%'")).isEqualTo(COMMANDS);
            assertThat(count(postgresUrl, "SELECT count(*) FROM events.processed_commands"
                    + " WHERE command_id LIKE 'crash-cmd-%'")).isEqualTo(COMMANDS);
            org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> count(postgresUrl,
                    "SELECT count(*) FROM query.models WHERE model_id LIKE 'crash-%'") == COMMANDS);
            assertThat(count(postgresUrl, "SELECT count(*) FROM events.publication_log p JOIN"
                    + " events.domainevententry e ON e.eventidentifier = p.event_id WHERE e.type = 'Model'"
                    + " AND e.aggregateidentifier LIKE 'crash-%'")).isEqualTo(COMMANDS);
        }
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
