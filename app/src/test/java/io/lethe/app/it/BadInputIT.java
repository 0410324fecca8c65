package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.lethe.api.Json;
import io.lethe.api.Topics;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.crypto.vault.ProducerSeal;
import io.lethe.crypto.vault.RecordSealing;
import io.lethe.app.CommandIntakeSettings;
import io.lethe.app.LetheNode;
import io.lethe.app.ServiceSettings;
import io.lethe.app.infra.Infrastructure;
import io.lethe.app.infra.LetheInfrastructureExtension;
import io.lethe.producer.SubjectKey;
import io.lethe.producer.SubjectKeyClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bad-input corpus through real Kafka, each case between two valid {@code RegisterModel}s: every bad
 * value is answered with its code (and dead-lettered when it is not a command at all), and every valid
 * command around them takes effect. Replies are matched by the {@code lethe.original.offset} header, since
 * many bad values have no readable command id.
 */
@ExtendWith(LetheInfrastructureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    private static final String TOKEN = "bad-input-it-" + UUID.randomUUID();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String OFFSET_HEADER = "lethe.original.offset";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newHttpClient();
    private final LedgerSecret secret = LedgerSecret.generate();
    private LetheNode node;
    private KafkaProducer<String, byte[]> producer;
    private KafkaTestClient reader;
    private HikariDataSource db;

    @BeforeAll
    void start(Infrastructure infra) {
        node = LetheNode.start(infra, Map.of(CommandIntakeSettings.MAX_BYTES_ENV,
                String.valueOf(BadCommandCorpus.MAX_COMMAND_BYTES)), 0, TOKEN, secret);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000);
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        reader = new KafkaTestClient(infra.kafkaBootstrapServers());
        db = ServiceSettings.dataSource(infra, "bad-input-it", 2);
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[]{db, reader, producer, node}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // best effort: the shared infrastructure outlives this class
            }
        }
    }

    @Test
    void everyBadCommandIsAnsweredWithItsCodeAndEveryValidOneAroundItTakesEffect() throws Exception {
        BadCommandCorpus corpus = BadCommandCorpus.load(run);
        // One Kafka key for the whole run: one partition, so the interleaving is also the processing order.
        String key = "bad-input-" + run;
        Map<String, BadCommandCorpus.Case> sent = new HashMap<>();
        List<String> validModels = new ArrayList<>();
        for (int i = 0; i < corpus.cases().size(); i++) {
            validModels.add(sendValid(key, i));
            BadCommandCorpus.Case c = corpus.cases().get(i);
            sent.put(send(key, c.value()), c);
        }
        validModels.add(sendValid(key, corpus.cases().size()));

        Map<String, ConsumerRecord<String, byte[]>> replies = byOffset(Topics.COMMAND_RESULTS, sent.keySet(),
                sent.size());
        long expectedDead = sent.values().stream().filter(BadCommandCorpus.Case::deadLettered).count();
        Map<String, ConsumerRecord<String, byte[]>> dead = byOffset(Topics.COMMANDS_DLQ, sent.keySet(),
                (int) expectedDead);

        SoftAssertions soft = new SoftAssertions();
        sent.forEach((offset, c) -> checkAnswer(soft, c, replies.get(offset), dead.get(offset)));
        soft.assertAll();

        for (String model : validModels) {
            awaitModel(model);
        }
        for (BadCommandCorpus.Case c : corpus.cases()) {
            if (c.present() != null) {
                awaitModel(c.present());
            }
            if (c.absent() != null) {
                assertThat(getModel(c.absent()).statusCode()).as(c.name()).isEqualTo(404);
            }
        }
        assertThat(count("SELECT count(*) FROM query.models WHERE model_id LIKE ?", "ok-" + run + "-%"))
                .isEqualTo(validModels.size());
    }

    @Test
    void anIngestWhoseLastRecordIsOversizeStoresNoneOfItsRecords() throws Exception {
        SubjectKey key = keys().keyOf("subj-partial-" + run);
        List<String> ids = List.of("part-" + run + "-1", "part-" + run + "-2", "part-" + run + "-3");
        String records = "[" + sealedRecord(ids.get(0), key, "small payload".getBytes(StandardCharsets.UTF_8)) + ","
                + sealedRecord(ids.get(1), key, "small payload".getBytes(StandardCharsets.UTF_8)) + ","
                + sealedRecord(ids.get(2), key, new byte[256 * 1024 + 1]) + "]";
        JsonNode reply = sendAndAwaitReply("partial-" + run, CommandsFixture.envelope("partial-" + run,
                "lethe.IngestRecords", "{\"dataset\":\"partial-" + run + "\",\"records\":" + records + "}"));
        assertThat(reply.get("status").asText()).isEqualTo("rejected");
        assertThat(reply.get("errorCode").asText()).isEqualTo("OVERSIZE");
        for (String id : ids) {
            assertThat(count("SELECT count(*) FROM vault.records WHERE commitment = ?", secret.recordCommitment(id)))
                    .as("record %s stored", id).isZero();
        }
        assertThat(count("SELECT count(*) FROM query.record_subjects WHERE commitment = ?",
                secret.recordCommitment(ids.get(0)))).isZero();
    }

    /** A seal moved to another record, a tampered one and one under a stale key: refused, dead-lettered, no row. */
    @Test
    void forgedSealsAreRejectedAndDeadLetteredWhileAGenuineOneIsStored() throws Exception {
        SubjectKey key = keys().keyOf("subj-seal-" + run);
        byte[] payload = "face bytes".getBytes(StandardCharsets.UTF_8);
        byte[] moved = ProducerSeal.seal(key.key(), "elsewhere-" + run, key.subjectPseudonym(),
                new RecordSealing.OpenRecord("l", payload));
        byte[] tampered = ProducerSeal.seal(key.key(), "tampered-" + run, key.subjectPseudonym(),
                new RecordSealing.OpenRecord("l", payload));
        tampered[tampered.length - 1] ^= 1;
        byte[] stale = ProducerSeal.seal(RecordSealing.newSubjectKey(), "stale-" + run, key.subjectPseudonym(),
                new RecordSealing.OpenRecord("l", payload));
        Map<String, byte[]> forged = Map.of("moved-" + run, moved, "tampered-" + run, tampered, "stale-" + run, stale);
        for (var entry : forged.entrySet()) {
            String value = ingestOf(entry.getKey(), "{\"recordId\":\"" + entry.getKey() + "\",\"subjectPseudonym\":\""
                    + key.subjectPseudonym() + "\",\"sealed\":\"" + Base64.getEncoder().encodeToString(entry.getValue())
                    + "\"}");
            String offset = send("seal-" + run, value.getBytes(StandardCharsets.UTF_8));
            JsonNode reply = json(byOffset(Topics.COMMAND_RESULTS, java.util.Set.of(offset), 1).get(offset).value());
            assertThat(reply.path("errorCode").asText()).as(entry.getKey()).isEqualTo("INVALID_SEAL");
            assertThat(byOffset(Topics.COMMANDS_DLQ, java.util.Set.of(offset), 1)).as("dead letter").containsKey(offset);
            assertThat(count("SELECT count(*) FROM vault.records WHERE commitment = ?",
                    secret.recordCommitment(entry.getKey()))).isZero();
        }
        String genuine = "genuine-" + run;
        JsonNode reply = sendAndAwaitReply("seal-" + run, ingestOf(genuine, sealedRecord(genuine, key, payload)));
        assertThat(reply.get("status").asText()).isEqualTo("accepted");
        assertThat(count("SELECT count(*) FROM vault.records WHERE commitment = ?", secret.recordCommitment(genuine)))
                .isOne();
    }

    private SubjectKeyClient keys() {
        return new SubjectKeyClient(URI.create("http://127.0.0.1:" + node.httpPort()), TOKEN);
    }

    private static String sealedRecord(String id, SubjectKey key, byte[] payload) {
        byte[] sealed = ProducerSeal.seal(key.key(), id, key.subjectPseudonym(), new RecordSealing.OpenRecord("l", payload));
        return "{\"recordId\":\"" + id + "\",\"subjectPseudonym\":\"" + key.subjectPseudonym() + "\",\"sealed\":\""
                + Base64.getEncoder().encodeToString(sealed) + "\"}";
    }

    private String ingestOf(String id, String record) {
        return CommandsFixture.envelope(id, "lethe.IngestRecords",
                "{\"dataset\":\"seals-" + run + "\",\"records\":[" + record + "]}");
    }

    private JsonNode sendAndAwaitReply(String key, String value) throws Exception {
        String offset = send(key, value.getBytes(StandardCharsets.UTF_8));
        return json(byOffset(Topics.COMMAND_RESULTS, java.util.Set.of(offset), 1).get(offset).value());
    }

    private void checkAnswer(SoftAssertions soft, BadCommandCorpus.Case c, ConsumerRecord<String, byte[]> reply,
                             ConsumerRecord<String, byte[]> deadLetter) {
        soft.assertThat(reply).as(c.name() + ": reply").isNotNull();
        if (reply == null) {
            return;
        }
        JsonNode answer = json(reply.value());
        if (c.accepted()) {
            soft.assertThat(answer.get("status").asText()).as(c.name()).isEqualTo("accepted");
        } else {
            soft.assertThat(answer.get("status").asText()).as(c.name()).isEqualTo("rejected");
            soft.assertThat(answer.path("errorCode").asText()).as(c.name()).isEqualTo(c.expect());
        }
        if (c.deadLettered()) {
            soft.assertThat(deadLetter).as(c.name() + ": dead letter").isNotNull();
            if (deadLetter != null) {
                if (c.redacted()) {
                    soft.assertThat(deadLetter.value()).as(c.name() + ": no second plaintext copy").isNull();
                    soft.assertThat(header(deadLetter, "lethe.redacted")).as(c.name()).isEqualTo("value");
                } else {
                    soft.assertThat(deadLetter.value()).as(c.name() + ": original bytes").isEqualTo(c.value());
                }
                soft.assertThat(header(deadLetter, Topics.DLQ_ERROR_CODE_HEADER)).as(c.name()).isEqualTo(c.expect());
            }
        } else {
            soft.assertThat(deadLetter).as(c.name() + ": no dead letter").isNull();
        }
    }

    private String sendValid(String key, int i) throws Exception {
        String model = "ok-" + run + "-" + i;
        send(key, CommandsFixture.registerModel("ok-" + run + "-" + i, model, "face")
                .getBytes(StandardCharsets.UTF_8));
        return model;
    }

    /** Sends and returns where the value landed, as the reply's {@code lethe.original.offset} names it. */
    private String send(String key, byte[] value) throws Exception {
        RecordMetadata at = producer.send(new ProducerRecord<>(Topics.COMMANDS, key, value)).get();
        return at.topic() + "-" + at.partition() + "@" + at.offset();
    }

    /** Records of the topic whose offset header is one of ours, read until {@code expected} were found. */
    private Map<String, ConsumerRecord<String, byte[]>> byOffset(String topic, java.util.Set<String> offsets,
                                                                 int expected) {
        Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        reader.readUntil(topic, read -> {
            found.clear();
            read.forEach(r -> {
                String offset = header(r, OFFSET_HEADER);
                if (offset != null && offsets.contains(offset)) {
                    found.put(offset, r);
                }
            });
            return found.size() >= expected;
        }, WAIT);
        return found;
    }

    /**
     * Binary mode through the real broker: attributes in {@code ce_} headers, the value is {@code data}. The
     * command takes effect, and the event it causes comes back in structured mode with the binding's content type.
     */
    @Test
    void aBinaryModeCommandTakesEffectAndItsEventIsALabelledStructuredCloudEvent() throws Exception {
        String modelId = "binary-" + UUID.randomUUID().toString().substring(0, 8);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.COMMANDS, modelId,
                ("{\"modelId\":\"" + modelId + "\",\"task\":\"face\"}").getBytes(StandardCharsets.UTF_8));
        for (String[] h : new String[][] {{"ce_specversion", "1.0"}, {"ce_id", "cmd-" + modelId},
                {"ce_source", "binary-producer"}, {"ce_type", "lethe.RegisterModel"},
                {"content-type", "application/json"}}) {
            record.headers().add(h[0], h[1].getBytes(StandardCharsets.UTF_8));
        }
        producer.send(record).get();

        awaitModel(modelId);
        List<ConsumerRecord<String, byte[]>> events = reader.readUntil(Topics.EVENTS,
                read -> read.stream().anyMatch(r -> modelId.equals(r.key())), WAIT);
        ConsumerRecord<String, byte[]> registered = events.stream().filter(r -> modelId.equals(r.key()))
                .findFirst().orElseThrow();
        assertThat(header(registered, "content-type")).isEqualTo("application/cloudevents+json; charset=UTF-8");
        assertThat(json(registered.value()).path("type").asText()).isEqualTo("lethe.ModelRegistered");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void awaitModel(String modelId) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(getModel(modelId).statusCode()).as(modelId).isEqualTo(200));
    }

    private HttpResponse<String> getModel(String modelId) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/api/models/"
                + modelId)).header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long count(String sql, String parameter) throws Exception {
        return LogDatabase.count(db, sql, parameter);
    }

    private static JsonNode json(byte[] value) {
        try {
            return Json.mapper().readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
