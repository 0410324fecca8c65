package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.api.Topics;
import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.Failure;
import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.Rfc6962;
import io.lethe.verifier.SignedNote;
import io.lethe.verifier.TilePath;
import io.lethe.verifier.VerificationException;
import io.lethe.verifier.WitnessPolicy;
import io.lethe.app.LetheNode;
import io.lethe.app.cli.Lethe;
import io.lethe.app.infra.Infrastructure;
import io.lethe.app.infra.InfrastructureFactory;
import io.lethe.app.keys.LedgerKeys;
import io.lethe.app.keys.LogSigningKeys;
import io.lethe.query.http.HttpApi;
import io.lethe.query.log.CheckpointSigner;
import io.lethe.query.log.TransparencyLog;
import io.lethe.query.witness.WitnessEndpoint;
import io.lethe.witness.Witness;
import io.lethe.witness.WitnessKey;
import io.lethe.witness.WitnessServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14 end to end, on a stack of its own (it stops witnesses, and {@code lethe verify} replays the whole
 * store): three {@code lethe witness} servers on real HTTP, a node started with {@code LETHE_WITNESSES} naming
 * them, and a 2-of-3 policy that passes with one witness down and fails with two down, through the verifier
 * library and through {@code lethe verify --witness-policy} (served over HTTP, and as the database keeps the
 * cosignatures); an audit bundle with the cosigned checkpoint, read from the database, that
 * verifies offline against the policy and names a changed cosignature; a forked checkpoint a witness refuses with
 * both roots; and the C2SP tlog-tiles the node serves match its log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WitnessIT {

    private static final String TOKEN = "witness-it-token";
    private static final String ORIGIN = TransparencyLog.DEFAULT_ORIGIN;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;
    private static Infrastructure infra;
    private static LetheNode node;
    private static final List<WitnessServer> witnesses = new ArrayList<>();
    private static final List<String> names = List.of("w1.lethe.test/witness", "w2.lethe.test/witness",
            "w3.lethe.test/witness");
    private static Path policyFile;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static int models;
    private static String logVkey;
    private static KeyPair logSigningKey;
    private static final List<String> witnessUrls = new ArrayList<>();

    @BeforeAll
    static void startWitnessesAndANode() throws Exception {
        LedgerKeys keys = LedgerKeys.generate();
        NoteVerifier logKey = LogSigningKeys.verifier(ORIGIN, keys.logSigningKey());
        logVkey = logKey.format();
        logSigningKey = keys.logSigningKey();
        List<String> entries = new ArrayList<>();
        StringBuilder policy = new StringBuilder("log " + HexFormat.of().formatHex(logKey.publicKey()) + "\n");
        for (int i = 0; i < names.size(); i++) {
            SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
            seeded.setSeed(1400 + i);
            WitnessKey key = WitnessKey.loadOrCreate(names.get(i), dir.resolve("w" + i + "/key.pem"), seeded);
            Witness witness = Witness.open(key, List.of(logKey), dir.resolve("w" + i), Clock.systemUTC(), f -> { });
            WitnessServer server = WitnessServer.start(witness, new InetSocketAddress("127.0.0.1", 0), "");
            witnesses.add(server);
            witnessUrls.add("http://127.0.0.1:" + server.port());
            entries.add(witnessUrls.get(i) + " " + key.verifier().vkey());
            policy.append("witness ").append(names.get(i)).append(' ').append(key.verifier().hexKey()).append('\n');
        }
        policy.append("group two-of-three 2 ").append(String.join(" ", names)).append("\nquorum two-of-three\n");
        policyFile = Files.writeString(dir.resolve("policy.txt"), policy.toString());
        infra = InfrastructureFactory.create(Map.of(), dir.resolve("data"), LetheProcess.freePort(), 0);
        node = LetheNode.start(infra, Map.of(WitnessEndpoint.ENV, String.join(", ", entries)), 0, TOKEN, keys);
    }

    @AfterAll
    static void stop() {
        witnesses.forEach(WitnessServer::close);
        if (node != null) {
            node.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    @Order(1)
    void allThreeCosignAndTheServedCheckpointCarriesTheirCosignatures() throws Exception {
        long size = growAndAwaitCosigned(List.of(0, 1, 2));

        String note = get("/checkpoint");
        assertThat(note).isEqualTo(get("/api/log/checkpoint"));
        WitnessPolicy.Accepted accepted = policy().verify(note, ORIGIN);
        assertThat(accepted.cosigners()).containsExactlyInAnyOrderElementsOf(names);
        assertThat(accepted.checkpoint().treeSize()).isEqualTo(size);
        assertThat(verify().exitCode()).isZero();
        // Without --http, from the cosignatures the query side keeps in the database.
        Run fromDatabase = lethe("verify", "--db", infra.postgresUrl(), "--db-user", infra.postgresUser(),
                "--db-password", infra.postgresPassword(), "--witness-policy", policyFile.toString());
        assertThat(fromDatabase.exitCode()).as(fromDatabase.output()).isZero();
        assertThat(fromDatabase.output()).contains("witness policy: ok, checkpoint at size ");
        assertThat(get("/metrics")).contains("lethe_witness_cosigned_tree_size{witness=\"w1.lethe.test/witness\"}")
                .contains("lethe_witness_submissions_total{outcome=\"cosigned\",witness=\"w3.lethe.test/witness\"}");
    }

    @Test
    @Order(2)
    void anErasureCertificateEmbedsItsCheckpointWithTheWitnessesCosignatures() throws Exception {
        HttpResponse<String> requested = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + node.httpPort() + "/api/erasures")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subjectId\":\"witness-it-subject\","
                        + "\"requestedBy\":\"dpo@example.org\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        String erasureId = Json.mapper().readTree(requested.body()).get("erasureId").asText();

        // Once a checkpoint covers the whole log, completion included, and all three cosigned it, the certificate
        // (issued on its first request, then frozen) embeds it with their cosignatures.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(Json.mapper().readTree(authorized("/api/erasures/" + erasureId)).path("status").asText())
                    .isEqualTo("COMPLETED");
            assertThat(Json.mapper().readTree(get("/api/log/status")).path("checkpoint").path("leavesSince").asLong(-1))
                    .isZero();
            assertThat(Json.mapper().readTree(get("/api/log/witnesses")).findValues("upToDate"))
                    .allMatch(JsonNode::asBoolean);
        });
        JsonNode certificate = Json.mapper().readTree(authorized("/api/erasures/" + erasureId + "/certificate"));
        String embedded = certificate.path("certificate").path("checkpoint").asText();
        assertThat(policy().verify(embedded, ORIGIN).cosigners()).containsExactlyInAnyOrderElementsOf(names);
    }

    private static String authorized(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                .header("Authorization", "Bearer " + TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    @Order(3)
    void anExportedBundleWithTheCosignedCheckpointVerifiesOfflineAgainstThePolicy() throws Exception {
        Path bundle = dir.resolve("audit.jsonl");
        Run export = lethe("audit", "export", "--out", bundle.toString(), "--db", infra.postgresUrl(),
                "--db-user", infra.postgresUser(), "--db-password", infra.postgresPassword());
        assertThat(export.exitCode()).as(export.output()).isZero();
        assertThat(export.output()).contains("(and the latest cosigned one with its cosignatures)");

        // Offline from here: nothing but the file, the pinned log key and the policy.
        Run clean = lethe("audit", "verify", bundle.toString(), "--public-key", logVkey,
                "--witness-policy", policyFile.toString());
        assertThat(clean.exitCode()).as(clean.output()).isZero();
        assertThat(clean.output()).contains("meets the witness policy, cosigned by [" + String.join(", ", names));

        List<String> lines = Files.readAllLines(bundle);
        int cosigned = indexOfLine(lines, "\"kind\":\"cosigned\"");
        String line = lines.get(cosigned);
        int inW2 = line.indexOf(names.get(1) + " ") + names.get(1).length() + 10;
        String changed = line.substring(0, inW2) + (line.charAt(inW2) == 'A' ? 'B' : 'A') + line.substring(inW2 + 1);
        lines.set(cosigned, changed);
        Path tampered = Files.write(dir.resolve("tampered.jsonl"), lines);
        Run bad = lethe("audit", "verify", tampered.toString(), "--public-key", logVkey,
                "--witness-policy", policyFile.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.output()).contains("line " + (cosigned + 1) + " (cosigned)")
                .contains("cosignature by " + names.get(1));
    }

    private static int indexOfLine(List<String> lines, String containing) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(containing)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + containing);
    }

    @Test
    @Order(4)
    void aCheckpointNotExtendingTheCosignedOneIsRefusedWithBothRootsAndShownAsAFork() throws Exception {
        // The log's own key signs a split view: same size as w1's cosigned checkpoint, another root.
        Checkpoint held = Checkpoint.parse(SignedNote.parse(get("/checkpoint")).body());
        byte[] otherRoot = held.rootHash();
        otherRoot[0] ^= 1;
        String forked = new CheckpointSigner(ORIGIN, logSigningKey, Clock.systemUTC())
                .noteFor(new Checkpoint(ORIGIN, held.treeSize(), otherRoot));
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(witnessUrls.get(0)
                + "/add-checkpoint")).POST(HttpRequest.BodyPublishers.ofString("old " + held.treeSize() + "\n\n"
                + forked)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains(Base64.getEncoder().encodeToString(held.rootHash()))
                .contains(Base64.getEncoder().encodeToString(otherRoot));
        try (var evidence = Files.list(dir.resolve("w0/forks"))) {
            assertThat(evidence.toList()).hasSize(1);
        }
    }

    @Test
    @Order(5)
    void twoOfThreePassesWithOneWitnessDown() throws Exception {
        witnesses.get(2).close();

        growAndAwaitCosigned(List.of(0, 1));

        assertThat(policy().verify(get("/checkpoint"), ORIGIN).cosigners())
                .containsExactlyInAnyOrder(names.get(0), names.get(1));
        Run run = verify();
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("witness policy: ok");
    }

    @Test
    @Order(6)
    void twoOfThreeFailsWithTwoWitnessesDown() throws Exception {
        witnesses.get(1).close();

        growAndAwaitCosigned(List.of(0));

        assertThatThrownBy(() -> policy().verify(get("/checkpoint"), ORIGIN))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.QUORUM_NOT_MET));
        Run run = verify();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("witness policy: FAIL").contains("QUORUM_NOT_MET");
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode health = Json.mapper().readTree(get("/health"));
            assertThat(health.path("parts").path("witnesses").asText()).isEqualTo("DEGRADED");
            assertThat(health.path("reasons").path("witnesses").asText()).contains("unreachable");
        });
        String body = get("/api/log/witnesses");
        JsonNode states = Json.mapper().readTree(body);
        assertThat(states).hasSize(3);
        // Cosigned, failing and never-cosigned witnesses alike match the OpenAPI document's WitnessStatus.
        assertThat(new OpenApiResponseSchemas(Json.mapper().readTree(get("/api/openapi.json")))
                .findings(new HttpApi.Route("GET", "/api/log/witnesses"), 200, body)).isEmpty();
        assertThat(states.get(0).path("upToDate").asBoolean()).isTrue();
        assertThat(states.get(2).path("upToDate").asBoolean()).isFalse();
        assertThat(states.get(2).path("lastError").asText()).contains("unreachable");
    }

    @Test
    @Order(7)
    void tilesServedMatchTheLogsHashesAndItsCheckpoint() throws Exception {
        Checkpoint checkpoint = Checkpoint.parse(SignedNote.parse(get("/checkpoint")).body());
        int size = (int) checkpoint.treeSize();
        assertThat(size).isBetween(1, 255);
        JsonNode entries = Json.mapper().readTree(get("/api/log/entries?start=0&end=" + size));

        byte[] tile = getBytes("/" + new TilePath(false, 0, 0, size).path());
        byte[] bundle = getBytes("/" + new TilePath(true, 0, 0, size).path());

        assertThat(tile).hasSize(32 * size);
        List<byte[]> tileHashes = new ArrayList<>();
        ByteBuffer bundleReader = ByteBuffer.wrap(bundle);
        for (int i = 0; i < size; i++) {
            byte[] hash = Arrays.copyOfRange(tile, 32 * i, 32 * (i + 1));
            byte[] leafInput = Base64.getDecoder().decode(entries.get(i).path("leafInput").asText());
            assertThat(hash).isEqualTo(Rfc6962.leafHash(leafInput));
            byte[] bundled = new byte[bundleReader.getShort() & 0xFFFF];
            bundleReader.get(bundled);
            assertThat(bundled).isEqualTo(leafInput);
            tileHashes.add(hash);
        }
        assertThat(bundleReader.hasRemaining()).isFalse();
        assertThat(Rfc6962.rootOfLeafHashes(tileHashes)).isEqualTo(checkpoint.rootHash());
        assertThat(status("/" + new TilePath(false, 0, 0, size + 1).path())).isEqualTo(404);
        assertThat(status("/tile/0/x000/000")).isEqualTo(404);
    }

    private static byte[] getBytes(String path) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + node.httpPort() + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
        return response.body();
    }

    private static int status(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path)).GET()
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Registers a model, then waits until a checkpoint covers its event and the witnesses {@code up} (by index)
     * cosigned that latest checkpoint.
     *
     * @return the latest checkpoint's size
     */
    private static long growAndAwaitCosigned(List<Integer> up) throws Exception {
        long before = checkpointSize();
        try (KafkaTestClient kafka = new KafkaTestClient(infra.kafkaBootstrapServers())) {
            String model = "witness-it-" + models++;
            kafka.send(Topics.COMMANDS, model, KafkaTestClient.registerModel("cmd-" + model, model, "face"));
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(checkpointSize()).isGreaterThan(before);
            JsonNode states = Json.mapper().readTree(get("/api/log/witnesses"));
            for (int i : up) {
                assertThat(states.get(i).path("upToDate").asBoolean()).as(states.get(i).toString()).isTrue();
            }
        });
        return checkpointSize();
    }

    private static long checkpointSize() throws Exception {
        String note = get("/api/log/checkpoint");
        return note.isEmpty() ? 0 : Checkpoint.parse(SignedNote.parse(note).body()).treeSize();
    }

    private static WitnessPolicy policy() throws Exception {
        return WitnessPolicy.parse(Files.readString(policyFile));
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + node.httpPort() + path)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return response.statusCode() == 200 ? response.body() : "";
    }

    private record Run(int exitCode, String output) {
    }

    /** {@code lethe verify --witness-policy} in this JVM against the stack, capturing what it prints. */
    private static Run verify() {
        return lethe("verify", "--db", infra.postgresUrl(), "--db-user", infra.postgresUser(), "--db-password",
                infra.postgresPassword(), "--http", "http://127.0.0.1:" + node.httpPort(), "--witness-policy",
                policyFile.toString());
    }

    /** Runs {@code lethe} in this JVM, capturing what it prints on stdout. */
    private static Run lethe(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Lethe()).execute(args);
            return new Run(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
