package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.lethe.api.Json;
import io.lethe.api.Topics;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.app.CommandIntakeSettings;
import io.lethe.app.LetheNode;
import io.lethe.app.ServiceSettings;
import io.lethe.app.infra.Infrastructure;
import io.lethe.app.infra.LetheInfrastructureExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.lethe.app.it.CommandsFixture.envelope;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingests that reach the intake in one Kafka batch are written together (one claim statement, one vault
 * batch, one event batch). Sent in one Kafka transaction, so the intake (read_committed) polls them at
 * once: every command must still get the answer it would get alone, a rejected one must leave nothing
 * behind, and a repeated one must have no second effect.
 */
@ExtendWith(LetheInfrastructureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestBatchIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final LedgerSecret secret = LedgerSecret.generate();
    private LetheNode node;
    private KafkaTestClient kafka;
    private KafkaProducer<String, byte[]> transactional;
    private HikariDataSource db;

    @BeforeAll
    void start(Infrastructure infra) {
        // Batching is about the write path, not about how payloads travel: inline plaintext keeps the
        // commands readable here (refused by default, see PersonalDataOnTheWireTest and ErasureOnTheBytesIT).
        node = LetheNode.start(infra, Map.of(CommandIntakeSettings.ALLOW_PLAINTEXT_ENV, "true"), 0, "ingest-batch-it",
                secret);
        kafka = new KafkaTestClient(infra.kafkaBootstrapServers());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ingest-batch-it-" + run);
        transactional = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        transactional.initTransactions();
        db = ServiceSettings.dataSource(infra, "ingest-batch-it", 2);
    }

    @AfterAll
    void stop() {
        transactional.close();
        kafka.close();
        db.close();
        node.close();
    }

    @Test
    void ingestsInOneBatchGetTheAnswersTheyWouldGetAlone() throws Exception {
        String earlier = id("earlier");
        kafka.send(Topics.COMMANDS, key(), ingest(earlier, record("x0", "s0", "a", payload("zero"))));
        awaitReplies(List.of(earlier));

        List<String> batch = List.of(
                ingest(id("c1"), record("x1", "s1", "a", payload("one"))),
                ingest(id("c2"), record("x2", "s2", "b", payload("two"))),
                ingest(id("c1"), record("x1", "s1", "a", payload("one"))),            // the same command again
                ingest(id("c3"), record("x1", "s9", "a", payload("one"))),            // x1 under another subject
                ingest(id("c4"), record("x3", "s3", "a", payload("three")),
                        record("x0", "s0", "other-label", payload("zero"))),          // x0 relabelled: all of c4 out
                ingest(id("c5"), record("x4", "s4", "a", "not base64!")),
                ingest(id("c6"), record("x1", "s1", "a", payload("one")),
                        record("x5", "s1", "a", payload("five"))),                    // x1 again, identical: fine
                ingest(earlier, record("x0", "s0", "a", payload("zero"))));           // processed before
        transactional.beginTransaction();
        for (String value : batch) {
            transactional.send(new ProducerRecord<>(Topics.COMMANDS, key(), value.getBytes(StandardCharsets.UTF_8)));
        }
        transactional.commitTransaction();

        // The topic is read from its start: `earlier` was answered once before this batch.
        List<String> ids = List.of(id("c1"), id("c2"), id("c1"), id("c3"), id("c4"), id("c5"), id("c6"), earlier,
                earlier);
        Map<String, List<String>> answers = awaitReplies(ids);
        assertThat(answers.get(id("c1"))).containsExactly("accepted", "accepted");
        assertThat(answers.get(id("c2"))).containsExactly("accepted");
        assertThat(answers.get(id("c3"))).containsExactly("rejected:RECORD_CONFLICT");
        assertThat(answers.get(id("c4"))).containsExactly("rejected:RECORD_CONFLICT");
        assertThat(answers.get(id("c5"))).containsExactly("rejected:INVALID_FIELD");
        assertThat(answers.get(id("c6"))).containsExactly("accepted");
        assertThat(answers.get(earlier)).containsExactly("accepted", "accepted");

        for (String stored : List.of("x0", "x1", "x2", "x5")) {
            assertThat(count("SELECT count(*) FROM vault.records WHERE commitment = ?", commitment(stored)))
                    .as(stored).isEqualTo(1);
        }
        for (String absent : List.of("x3", "x4")) {
            assertThat(count("SELECT count(*) FROM vault.records WHERE commitment = ?", commitment(absent)))
                    .as(absent).isZero();
        }
        assertThat(count("SELECT count(*) FROM vault.subject_keys WHERE subject_pseudonym = ?",
                secret.subjectPseudonym(person("s3")))).as("no key for a subject whose only ingest was rejected").isZero();
        assertThat(recordsIngested(earlier)).isEqualTo(1);
        assertThat(recordsIngested(id("c1"))).isEqualTo(1);
        assertThat(recordsIngested(id("c6"))).as("one event, naming x5 only").isEqualTo(1);
        assertThat(eventPayload(id("c6"))).contains(commitment("x5")).doesNotContain(commitment("x1"));
        for (String rejected : List.of("c3", "c4", "c5")) {
            assertThat(recordsIngested(id(rejected))).as(rejected).isZero();
            assertThat(count("SELECT count(*) FROM events.processed_commands WHERE command_id = ?"
                    + " AND status = 'rejected'",
                    id(rejected))).as(rejected + " remembered as rejected").isEqualTo(1);
        }
    }

    /** Every reply per command id, as {@code accepted} or {@code rejected:CODE}, once each id has its count. */
    private Map<String, List<String>> awaitReplies(List<String> ids) {
        Map<String, Long> expected = ids.stream().collect(Collectors.groupingBy(x -> x, Collectors.counting()));
        List<ConsumerRecord<String, byte[]>> read = kafka.readUntil(Topics.COMMAND_RESULTS, records -> {
            Map<String, Long> seen = records.stream().filter(r -> expected.containsKey(r.key()))
                    .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            return expected.entrySet().stream().allMatch(e -> seen.getOrDefault(e.getKey(), 0L) >= e.getValue());
        }, WAIT);
        Map<String, List<String>> answers = new java.util.HashMap<>();
        for (ConsumerRecord<String, byte[]> r : read) {
            if (expected.containsKey(r.key())) {
                answers.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(answer(r.value()));
            }
        }
        return answers;
    }

    private static String answer(byte[] reply) {
        try {
            JsonNode node = Json.mapper().readTree(reply);
            String status = node.get("status").asText();
            return "accepted".equals(status) ? status : status + ":" + node.path("errorCode").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long recordsIngested(String commandId) throws Exception {
        return count("SELECT count(*) FROM events.domainevententry WHERE aggregateidentifier = ?", ingestionId(commandId));
    }

    private String eventPayload(String commandId) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT payload FROM events.domainevententry"
                     + " WHERE aggregateidentifier = ?")) {
            s.setString(1, ingestionId(commandId));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new String(rs.getBytes(1), StandardCharsets.UTF_8) : "";
            }
        }
    }

    /** As {@code Ingestion.idFor}: the aggregate id follows from the command id. */
    private static String ingestionId(String commandId) {
        return "ingest-" + UUID.nameUUIDFromBytes(commandId.getBytes(StandardCharsets.UTF_8));
    }

    private long count(String sql, String parameter) throws Exception {
        return LogDatabase.count(db, sql, parameter);
    }

    private String ingest(String id, String... records) {
        return envelope(id, "lethe.IngestRecords",
                "{\"dataset\":\"batch-" + run + "\",\"records\":[" + String.join(",", records) + "]}");
    }

    private String record(String recordId, String subject, String label, String payload) {
        return "{\"recordId\":\"" + record(recordId) + "\",\"subjectId\":\"" + person(subject) + "\",\"label\":\""
                + label + "\",\"payload\":\"" + payload + "\"}";
    }

    private String commitment(String recordId) {
        return secret.recordCommitment(record(recordId));
    }

    private String record(String name) {
        return name + "-" + run;
    }

    private String person(String name) {
        return name + "-" + run;
    }

    private String id(String name) {
        return name + "-" + run;
    }

    private String key() {
        return "batch-" + run;
    }

    private static String payload(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
