package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.api.Topics;
import io.lethe.samples.BundledSamples;
import io.lethe.crypto.vault.ProducerSeal;
import io.lethe.crypto.vault.RecordSealing;
import io.lethe.crypto.vault.SealedRecord;
import io.lethe.producer.LetheProducer;
import io.lethe.producer.PersonalRecord;
import io.lethe.producer.SubjectKey;
import io.lethe.producer.SubjectKeyClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The erasure's promise checked on the bytes, as an auditor with a shell would: {@code lethe up} in its
 * own JVM; a data subject named by an e-mail address sends ten face images carrying a canary string
 * through the producer library; a model trains on them; the subject is erased. Then every file under
 * the data directory (Kafka log segments of every topic, PostgreSQL's tables and WAL, keys) and the
 * process's own log output is searched byte for byte for the canary, any run of the payload's base64,
 * a run of its raw bytes and the raw subject id. Before the erasure the canary exists only as
 * ciphertext that the subject's key opens; after it, that key is nowhere.
 */
class ErasureOnTheBytesIT {

    private static final Duration WAIT = Duration.ofMinutes(4);

    @TempDir
    Path dataDir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String subject = "alice.smith+" + run + "@example.com";
    private final String canary = "CANARY-" + run + "-do-not-keep-me";
    private final String dataset = "orl-" + run;
    private final String model = "face-" + run;

    @Test
    void afterAnErasureNoFileHoldsThePayloadOrTheSubjectAndTheKeyThatOpensEveryKafkaCopyIsGone() throws Exception {
        try (LetheProcess lethe = LetheProcess.up(dataDir, LetheProcess.freePort(), LetheProcess.freePort())) {
            lethe.awaitReady(Duration.ofMinutes(3));
            NodeApi admin = new NodeApi(Integer.parseInt(lethe.httpBase().replaceAll(".*:", "")),
                    LetheProcess.ADMIN_TOKEN);
            SubjectKeyClient keys = new SubjectKeyClient(URI.create(lethe.httpBase()), producerToken(admin));
            List<PersonalRecord> personal = canaryFaces();
            SubjectKey key;
            try (LetheProducer producer = new LetheProducer(Map.of("bootstrap.servers", lethe.kafkaBootstrap()),
                    keys, "bytes-it")) {
                key = keys.keyOf(subject);
                accepted(producer, producer.ingest("ingest-canary-" + run, dataset, personal));
                trainOnTheCanary(producer, admin);
            }
            Needles needles = new Needles(personal.get(0).payload());

            assertThat(DataDirScan.find(dataDir, needles.all(), lethe.output())).as("before the erasure").isEmpty();
            assertThat(canaryInTheVault(lethe, key)).as("the vault's ciphertext opens to the canary").isTrue();
            assertThat(canaryOnKafkaOpensWith(lethe, key)).as("the Kafka copy is the producer's seal").isTrue();

            String erasureId = requestErasure(admin);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() ->
                    "COMPLETED".equals(admin.get("/api/erasures/" + erasureId).path("status").asText()));
            assertThat(admin.get("/api/erasures/" + erasureId).get("models").get(0).get("guarantee").asText())
                    .isEqualTo("EXACT");
            assertThat(subjectKeyRows(lethe, key.subjectPseudonym())).as("the vault's key row").isZero();
            // The key table is rewritten and the WAL moved on after the shredding has committed (KeyScrubber).
            Map<String, byte[]> theKey = Map.of("the subject's key", key.key());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> DataDirScan.find(dataDir, theKey, "").isEmpty());
            assertThat(lethe.terminate(Duration.ofMinutes(1))).as("stops on SIGTERM").isIn(0, 143);

            Map<String, byte[]> afterwards = new LinkedHashMap<>(needles.all());
            afterwards.put("the subject's key", key.key());
            assertThat(DataDirScan.find(dataDir, afterwards, lethe.output())).as("after the erasure").isEmpty();
        }
    }

    /** Ten ORL images of one person, each with the canary in a PGM comment, which the image reader skips. */
    private List<PersonalRecord> canaryFaces() {
        List<PersonalRecord> faces = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            byte[] pgm = BundledSamples.read("orl:s5/" + i + ".pgm").orElseThrow();
            byte[] comment = ("# " + canary + "\n").getBytes(StandardCharsets.US_ASCII);
            byte[] marked = new byte[pgm.length + comment.length];
            System.arraycopy(pgm, 0, marked, 0, 3); // "P5\n"
            System.arraycopy(comment, 0, marked, 3, comment.length);
            System.arraycopy(pgm, 3, marked, 3 + comment.length, pgm.length - 3);
            faces.add(new PersonalRecord("rec-" + UUID.randomUUID(), subject, "alice", marked));
        }
        return faces;
    }

    /** A backbone on public samples, then a learning branch on the canary subject (named by pseudonym only). */
    private void trainOnTheCanary(LetheProducer producer, NodeApi admin) throws Exception {
        for (int s = 1; s <= 4; s++) {
            accepted(producer, producer.send("ingest-public-" + run + "-" + s, "lethe.IngestRecords", dataset,
                    Json.mapper().readTree(publicFaces(s))));
        }
        accepted(producer, producer.send("register-" + run, "lethe.RegisterModel", model,
                Json.mapper().readTree("{\"modelId\":\"" + model + "\",\"task\":\"face\"}")));
        accepted(producer, producer.send("backbone-" + run, "lethe.TrainBackbone", model, Json.mapper().readTree(
                "{\"modelId\":\"" + model + "\",\"selector\":{\"dataset\":\"" + dataset + "\",\"subjects\":["
                        + "\"pub-s1\",\"pub-s2\",\"pub-s3\",\"pub-s4\"]},\"seed\":3}")));
        admin.awaitVersion(model, 1, WAIT);
        var learn = Json.mapper().createObjectNode().put("modelId", model).put("slices", 1).put("rank", 8)
                .put("seed", 50);
        learn.set("selector", producer.selectorOfSubjects(dataset, List.of(subject)));
        accepted(producer, producer.send("learn-" + run, "lethe.Learn", model, learn));
        admin.awaitVersion(model, 2, WAIT);
    }

    private String publicFaces(int s) {
        StringBuilder records = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            records.append(i == 1 ? "" : ",").append("{\"recordId\":\"pub-").append(run).append("-s").append(s)
                    .append("-").append(i).append("\",\"subjectId\":\"pub-s").append(s).append("\",\"label\":\"s")
                    .append(s).append("\",\"source\":\"orl:s").append(s).append("/").append(i).append(".pgm\"}");
        }
        return "{\"dataset\":\"" + dataset + "\",\"records\":[" + records + "]}";
    }

    private static void accepted(LetheProducer producer, String commandId) {
        var reply = producer.awaitReply(commandId, Duration.ofSeconds(90));
        assertThat(reply.isAccepted()).as(commandId + ": " + reply.errorCode() + " " + reply.message()).isTrue();
    }

    private static String producerToken(NodeApi admin) throws Exception {
        HttpResponse<String> issued = admin.send(admin.request("/api/tokens").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bytes-it\",\"role\":\"producer\"}")));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return Json.mapper().readTree(issued.body()).get("token").asText();
    }

    private String requestErasure(NodeApi admin) throws Exception {
        HttpResponse<String> response = admin.send(admin.request("/api/erasures").header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"subjectId\":\"" + subject + "\",\"requestedBy\":\"dpo\"}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return Json.mapper().readTree(response.body()).get("erasureId").asText();
    }

    /** The worker trains on the canary: the vault holds it, sealed under the subject's key. */
    private boolean canaryInTheVault(LetheProcess lethe, SubjectKey key) throws Exception {
        try (Connection c = DriverManager.getConnection(lethe.postgresUrl(), "postgres", "postgres");
             PreparedStatement s = c.prepareStatement("SELECT commitment, nonce, ciphertext FROM vault.records"
                     + " WHERE subject_pseudonym = ?")) {
            s.setString(1, key.subjectPseudonym());
            boolean found = false;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byte[] payload = RecordSealing.open(key.key(), rs.getString(1),
                            new SealedRecord(rs.getBytes(2), rs.getBytes(3))).payload();
                    found |= new String(payload, StandardCharsets.ISO_8859_1).contains(canary);
                }
            }
            return found;
        }
    }

    private long subjectKeyRows(LetheProcess lethe, String pseudonym) throws Exception {
        try (Connection c = DriverManager.getConnection(lethe.postgresUrl(), "postgres", "postgres");
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM vault.subject_keys WHERE subject_pseudonym = ?")) {
            s.setString(1, pseudonym);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The ingest on {@code lethe.commands} holds seals only, and the subject's key opens them to the canary. */
    private boolean canaryOnKafkaOpensWith(LetheProcess lethe, SubjectKey key) throws Exception {
        try (KafkaTestClient kafka = new KafkaTestClient(lethe.kafkaBootstrap())) {
            var read = kafka.readUntil(Topics.COMMANDS, records -> records.stream()
                    .anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains("ingest-canary-" + run)),
                    Duration.ofSeconds(30));
            for (var record : read) {
                JsonNode event = Json.mapper().readTree(record.value());
                if (!("ingest-canary-" + run).equals(event.path("id").asText())) {
                    continue;
                }
                JsonNode first = event.path("data").path("records").get(0);
                byte[] sealed = Base64.getDecoder().decode(first.get("sealed").asText());
                return ProducerSeal.open(key.key(), first.get("recordId").asText(), key.subjectPseudonym(), sealed)
                        .map(open -> new String(open.payload(), StandardCharsets.ISO_8859_1).contains(canary))
                        .orElse(false);
            }
            return false;
        }
    }

    /** What must never be found in the clear: the canary, the raw subject id, runs of the payload. */
    private final class Needles {

        private final byte[] payload;

        Needles(byte[] payload) {
            this.payload = payload;
        }

        Map<String, byte[]> all() {
            Map<String, byte[]> needles = new LinkedHashMap<>();
            needles.put("the canary", canary.getBytes(StandardCharsets.US_ASCII));
            needles.put("the raw subject id", subject.getBytes(StandardCharsets.UTF_8));
            int middle = payload.length / 2;
            needles.put("a run of the payload's raw bytes", java.util.Arrays.copyOfRange(payload, middle, middle + 32));
            // Base64 of the payload starting at any byte lines up with one of three encodings.
            for (int shift = 0; shift < 3; shift++) {
                String encoded = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(payload, shift,
                        payload.length));
                needles.put("a run of the payload's base64 (shift " + shift + ")",
                        encoded.substring(encoded.length() / 8 * 4, encoded.length() / 8 * 4 + 40)
                                .getBytes(StandardCharsets.US_ASCII));
            }
            return needles;
        }
    }
}
