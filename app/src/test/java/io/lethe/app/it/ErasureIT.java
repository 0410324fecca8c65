package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.api.Topics;
import io.lethe.verifier.certificates.CertificateVerifier;
import io.lethe.verifier.certificates.SignedErasureCertificate;
import io.lethe.verifier.NoteVerifier;
import io.lethe.app.LetheNode;
import io.lethe.app.infra.Infrastructure;
import io.lethe.app.infra.LetheInfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import io.lethe.app.cli.Lethe;
import io.lethe.verifier.TrustedKeys;
import io.lethe.verifier.bundle.AuditBundleVerifier;
import io.lethe.verifier.bundle.AuditReport;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static io.lethe.app.it.CommandsFixture.ingestOrlSubject;
import static io.lethe.app.it.CommandsFixture.learn;
import static io.lethe.app.it.CommandsFixture.registerModel;
import static io.lethe.app.it.CommandsFixture.subjects;
import static io.lethe.app.it.CommandsFixture.trainBackbone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 6's erasure workflow on the embedded stack: a subject only in branches is erased EXACTly and
 * its signed certificate verifies offline with its non-inclusion proofs; a backbone subject ends
 * APPROXIMATE with its metrics; a request received more than a month ago is OVERDUE.
 */
@ExtendWith(LetheInfrastructureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErasureIT {

    private static final String TOKEN = "erasure-it-token";
    private static final Duration WAIT = Duration.ofMinutes(4);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String model = "erase-" + run;
    private final String people = "e" + run + "-";
    private LetheNode node;
    private NodeApi api;
    private KafkaTestClient kafka;
    private Infrastructure infrastructure;

    @BeforeAll
    void seed(Infrastructure infrastructure) throws Exception {
        this.infrastructure = infrastructure;
        node = LetheNode.start(infrastructure, Map.of(), 0, TOKEN);
        api = new NodeApi(node.httpPort(), TOKEN);
        kafka = new KafkaTestClient(infrastructure.kafkaBootstrapServers());
        for (int subject = 1; subject <= 8; subject++) {
            kafka.send(Topics.COMMANDS, model, ingestOrlSubject("ingest-" + run + "-" + subject, subject, people));
        }
        kafka.send(Topics.COMMANDS, model, registerModel("register-" + run, model, "face"));
        kafka.send(Topics.COMMANDS, model, trainBackbone("backbone-" + run, model, subjects(people, 1, 4), 3));
        kafka.send(Topics.COMMANDS, model, learn("learn-" + run, model, subjects(people, 5, 8), 2, 8, 50));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> "COMPLETED".equals(api.get("/api/models/" + model + "/versions/2").path("status")
                        .asText()));
    }

    @AfterAll
    void stop() {
        kafka.close();
        node.close();
    }

    @Test
    @Order(1)
    void aSubjectOnlyInBranchesIsErasedExactlyWithACertificateThatVerifies() throws Exception {
        String erasureId = requestErasure(people + "s6", null);
        JsonNode erasure = awaitStatus(erasureId, "COMPLETED");
        JsonNode inModel = modelEntry(erasure);
        assertThat(inModel.get("guarantee").asText()).isEqualTo("EXACT");
        assertThat(inModel.get("versionBefore").asInt()).isEqualTo(2);
        assertThat(inModel.get("versionAfter").asInt()).isEqualTo(3);
        assertThat(api.get("/api/models/" + model).get("deployedVersion").asInt()).isEqualTo(3);

        SignedErasureCertificate certificate = awaitCertificate(erasureId);
        JsonNode key = api.get("/api/log/public-key");
        NoteVerifier logKey = new NoteVerifier(key.get("keyName").asText(),
                Base64.getDecoder().decode(key.get("publicKey").asText()));
        var report = CertificateVerifier.verify(certificate, logKey, key.get("keyName").asText());
        assertThat(report.checks()).anySatisfy(check -> assertThat(check).contains("10 of 10 records proven absent"));
        assertTheCertificateAndTheLogVerifyWithAnotherJcs(erasureId);
        assertThat(api.raw("/api/erasures/" + erasureId + "/certificate.html").body())
                .contains("Certificate of erasure");
    }

    @Test
    @Order(2)
    void aSubjectInTheBackboneIsErasedApproximatelyWithItsMetrics() throws Exception {
        String erasureId = requestErasure(people + "s2", null);
        JsonNode inModel = modelEntry(awaitStatus(erasureId, "COMPLETED"));
        assertThat(inModel.get("guarantee").asText()).isEqualTo("APPROXIMATE");
        assertThat(inModel.get("metrics").has("forgetAccuracy")).isTrue();
        assertThat(inModel.get("metrics").has("retainAccuracy")).isTrue();
    }

    @Test
    @Order(3)
    void aRequestReceivedMoreThanAMonthAgoBecomesOverdue() throws Exception {
        String erasureId = requestErasure(people + "s7", Instant.now().minus(Duration.ofDays(40)));
        var events = kafka.readUntil(Topics.EVENTS, read -> read.stream().anyMatch(r -> isOverdueOf(r.value(), erasureId)),
                WAIT);
        assertThat(events).anySatisfy(r -> assertThat(isOverdueOf(r.value(), erasureId)).isTrue());
    }

    /**
     * Issue 14's offline audit: the ledger so far, exported, verifies from the file alone against the pinned log key,
     * with the EXACT erasure's certificate in it; one changed byte of that certificate is named.
     */
    @Test
    @Order(4)
    void anExportedAuditBundleVerifiesOfflineAndNamesAChangedByte(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("ledger.audit.jsonl");
        assertThat(lethe("audit", "export", "--db", infrastructure.postgresUrl(), "--db-user",
                infrastructure.postgresUser(), "--db-password", infrastructure.postgresPassword(), "--out",
                bundle.toString())).isZero();
        // Every node of the shared test stack signs with its own key, so the shared log has a key history: pin all of it.
        List<String> keyArgs = new ArrayList<>();
        List<NoteVerifier> history = new ArrayList<>();
        for (JsonNode key : api.get("/api/log/keys")) {
            keyArgs.addAll(List.of("--public-key", key.get("verifierKey").asText()));
            history.add(NoteVerifier.parse(key.get("verifierKey").asText()));
        }
        assertThat(lethe(verifyArgs(bundle, keyArgs))).isZero();

        TrustedKeys pinned = new TrustedKeys(history);
        AuditReport report = verifyOffline(Files.readAllBytes(bundle), pinned);
        assertThat(report.failures()).isEmpty();
        assertThat(report.checks()).anyMatch(c -> c.matches("[1-9][0-9]* erasure certificates verify.*"));

        String text = Files.readString(bundle);
        String certificate = text.lines().filter(l -> l.contains("\"kind\":\"certificate\"")).findFirst().orElseThrow();
        String erasureId = Json.mapper().readTree(certificate).get("erasureId").asText();
        int signatureAt = utf8Length(text.substring(0, text.indexOf(certificate)))
                + utf8Length(certificate.substring(0, certificate.indexOf("\"signature\":\"") + 14));
        byte[] tampered = Files.readAllBytes(bundle);
        tampered[signatureAt] = (byte) (tampered[signatureAt] == 'A' ? 'B' : 'A');
        assertThat(verifyOffline(tampered, pinned).failures())
                .anyMatch(f -> f.contains("the certificate of erasure " + erasureId + " does not verify"));
        Files.write(bundle, tampered);
        assertThat(lethe(verifyArgs(bundle, keyArgs))).isEqualTo(1);
    }

    private static String[] verifyArgs(Path bundle, List<String> keyArgs) {
        List<String> args = new ArrayList<>(List.of("audit", "verify", bundle.toString()));
        args.addAll(keyArgs);
        return args.toArray(String[]::new);
    }

    /**
     * Every event on {@code lethe.events} so far, this test's and those of the ITs before it on the shared broker,
     * is what the AsyncAPI document says: its schema ({@code event.json}) and the structured-mode header.
     */
    @Test
    @Order(5)
    void everyPublishedEventMatchesItsSchema() throws Exception {
        var events = kafka.readAll(Topics.EVENTS, WAIT);
        java.util.Set<String> types = new java.util.TreeSet<>();
        for (var event : events) {
            types.add(Json.mapper().readTree(event.value()).path("type").asText());
        }

        assertThat(PublishedEventSchemas.findings(events)).as(events.size() + " events of " + types).isEmpty();
        assertThat(types).contains("lethe.ModelRegistered", "lethe.RecordsIngested", "lethe.VersionRequested",
                "lethe.VersionCompleted", "lethe.VersionDeployed", "lethe.RecordsForgotten", "lethe.ErasureRequested",
                "lethe.ErasureModelSettled", "lethe.SubjectKeyShredded", "lethe.ErasureCompleted",
                "lethe.ErasureOverdue");
    }

    private static int lethe(String... args) {
        return new CommandLine(new Lethe()).execute(args);
    }

    private static AuditReport verifyOffline(byte[] bundle, TrustedKeys pinned) throws Exception {
        return AuditBundleVerifier.verify(new ByteArrayInputStream(bundle),
                new AuditBundleVerifier.Options(Optional.of(pinned), bytes -> { }));
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean isOverdueOf(byte[] event, String erasureId) {
        String text = new String(event, StandardCharsets.UTF_8);
        return text.contains("\"lethe.ErasureOverdue\"") && text.contains(erasureId);
    }

    private String requestErasure(String subjectId, Instant receivedAt) throws Exception {
        String body = "{\"subjectId\":\"" + subjectId + "\",\"requestedBy\":\"dpo@example.org\""
                + (receivedAt == null ? "" : ",\"receivedAt\":\"" + receivedAt + "\"") + "}";
        HttpResponse<String> response = api.send(api.request("/api/erasures").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return Json.mapper().readTree(response.body()).get("erasureId").asText();
    }

    private JsonNode modelEntry(JsonNode erasure) {
        for (JsonNode entry : erasure.get("models")) {
            if (entry.get("modelId").asText().equals(model)) {
                return entry;
            }
        }
        throw new AssertionError("model " + model + " is not in " + erasure);
    }

    private JsonNode awaitStatus(String erasureId, String status) throws Exception {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            String actual = api.get("/api/erasures/" + erasureId).path("status").asText();
            assertThat(actual).as("erasure " + erasureId).isNotEqualTo("FAILED");
            return status.equals(actual);
        });
        return api.get("/api/erasures/" + erasureId);
    }

    /**
     * The certificate as served and every leaf of the log so far (at most 1,000), checked by a JavaScript RFC 8785
     * implementation: the signature verifies over its canonical bytes, and every leaf input is its own canonical form.
     */
    private void assertTheCertificateAndTheLogVerifyWithAnotherJcs(String erasureId) throws Exception {
        JsonNode served = Json.mapper().readTree(api.raw("/api/erasures/" + erasureId + "/certificate").body());
        var cases = Json.mapper().createObjectNode();
        cases.putArray("certificates").add(served);
        var leaves = cases.putArray("leaves");
        long size = Math.min(1000, api.get("/api/log/status").get("treeSize").asLong());
        for (JsonNode entry : api.get("/api/log/entries?start=0&end=" + size)) {
            leaves.addObject().put("leafInput", entry.get("leafInput").asText());
        }
        leaves.addObject().put("leafInput", served.get("certificate").get("completionLeafInput").asText());
        assertThat(NodeJcs.check(cases)).isEqualTo("ok: " + (size + 1) + " leaves, 1 certificates");
    }

    private SignedErasureCertificate awaitCertificate(String erasureId) throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.raw("/api/erasures/" + erasureId + "/certificate").statusCode() == 200);
        return Json.mapper().readValue(api.raw("/api/erasures/" + erasureId + "/certificate").body(),
                SignedErasureCertificate.class);
    }

}
