package io.lethe.app.it;

import com.zaxxer.hikari.HikariDataSource;
import io.lethe.api.Json;
import io.lethe.api.Topics;
import io.lethe.api.events.ComponentLineage;
import io.lethe.api.events.VersionCompletedEvent;
import io.lethe.app.LetheNode;
import io.lethe.app.ServiceSettings;
import io.lethe.app.cli.Lethe;
import io.lethe.app.infra.Infrastructure;
import io.lethe.app.infra.LetheInfrastructureExtension;
import io.lethe.app.verify.RetrainReport;
import io.lethe.app.verify.RetrainReport.ComponentCheck;
import io.lethe.app.verify.RetrainReport.Outcome;
import io.lethe.app.verify.RetrainReport.VersionCheck;
import io.lethe.app.verify.RetrainVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.lethe.app.it.CommandsFixture.forgetSubject;
import static io.lethe.app.it.CommandsFixture.ingestOrlSubject;
import static io.lethe.app.it.CommandsFixture.learn;
import static io.lethe.app.it.CommandsFixture.registerModel;
import static io.lethe.app.it.CommandsFixture.subjects;
import static io.lethe.app.it.CommandsFixture.trainBackbone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code lethe verify --retrain} on the embedded stack: a face backbone (s1-s3), two LEARN branches (s4-s5, s6-s7),
 * an EXACT forget of s5 and a GDPR erasure of s7 (EXACT, then its key is shredded). Every version replays to its
 * recorded digests except the LEARN that trained on s7, which is listed as not replayable without failing. Then the
 * recorded digest of the branch the forget retrained is altered (as a worker that reported weights its inputs do
 * not produce would have left it), and the key of s6 is deleted without an erasure: the replay names the model,
 * version, component and both digests, and fails the versions that need s6 instead of excusing them.
 */
@ExtendWith(LetheInfrastructureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetrainVerifyIT {

    private static final String TOKEN = "retrain-it-token";
    private static final Duration WAIT = Duration.ofMinutes(3);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String model = "retrain-" + run;
    private final String people = "r" + run + "-";
    private Infrastructure infra;
    private LetheNode node;
    private NodeApi api;
    private KafkaTestClient kafka;
    private HikariDataSource workerDb;

    @BeforeAll
    void start(Infrastructure infrastructure) {
        infra = infrastructure;
        node = LetheNode.start(infrastructure, Map.of(), 0, TOKEN);
        api = new NodeApi(node.httpPort(), TOKEN);
        kafka = new KafkaTestClient(infrastructure.kafkaBootstrapServers());
        workerDb = ServiceSettings.dataSource(infrastructure, "retrain-verify", 2);
    }

    @AfterAll
    void stop() {
        workerDb.close();
        kafka.close();
        node.close();
    }

    @Test
    void everyReplayableVersionRetrainsToItsDigestAndAnAlteredDigestIsNamed() throws Exception {
        String erasureId = buildHistory();

        String cli = runCli("verify", "--retrain", "--model", model, "--db", infra.postgresUrl(),
                "--db-user", infra.postgresUser(), "--db-password", infra.postgresPassword());
        assertThat(cli).contains("retrain " + model + " v3 LEARN from v2", "not replayable",
                "OK: every replayed training gives the recorded weights");

        try (Connection c = LogDatabase.connect(infra)) {
            RetrainReport clean = retrain(c);
            System.out.println("--retrain of the IT scenario:\n" + clean.summary());
            assertThat(clean.ok()).as(clean.summary()).isTrue();
            assertThat(clean.versions()).extracting(VersionCheck::version).containsExactly(1, 2, 3, 4, 5);
            assertThat(clean.versions()).extracting(VersionCheck::outcome).containsExactly(Outcome.REPLAYED,
                    Outcome.REPLAYED, Outcome.NOT_REPLAYABLE, Outcome.REPLAYED, Outcome.REPLAYED);
            assertThat(version(clean, 3).reason()).contains("subject key shredded", "shredded by erasure " + erasureId);
            // The erasure's own forget replays although the erased subject's records are unreadable by now.
            assertThat(retrained(version(clean, 5))).hasSize(1).allMatch(ComponentCheck::matches);
            List<ComponentCheck> forgetRetrained = retrained(version(clean, 4));
            assertThat(forgetRetrained).hasSize(1).allMatch(ComponentCheck::matches);

            ComponentCheck branch = forgetRetrained.get(0);
            String forged = new StringBuilder(branch.recorded()).reverse().toString();
            String s6Branch = retrained(version(clean, 5)).get(0).componentId();
            c.setAutoCommit(false);
            try (DeletedKey deleted = deleteKeyOfSubjectIn(ownRecords(completed(c, 5), s6Branch))) {
                alterRecordedDigest(c, 4, branch.recorded(), forged);
                RetrainReport tampered = retrain(c);
                assertThat(tampered.ok()).isFalse();
                assertThat(tampered.versions()).extracting(VersionCheck::outcome).containsExactly(Outcome.REPLAYED,
                        Outcome.REPLAYED, Outcome.REPLAY_FAILED, Outcome.REPLAYED, Outcome.REPLAY_FAILED);
                assertThat(tampered.failures()).contains("MISMATCH model " + model + " version 4 component "
                        + branch.componentId() + ": recorded " + forged + ", retraining gives " + branch.recorded());
                assertThat(version(tampered, 5).reason()).contains("subject key shredded", "no erasure");
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    /** v1 backbone, v2 and v3 one LEARN branch each, v4 forgets s5 (EXACT), v5 erases s7 (EXACT, key shredded). */
    private String buildHistory() throws Exception {
        for (int subject = 1; subject <= 7; subject++) {
            send(ingestOrlSubject("ingest-" + run + "-" + subject, subject, people));
        }
        send(registerModel("register-" + run, model, "face"));
        send(trainBackbone("backbone-" + run, model, subjects(people, 1, 3), 5));
        send(learn("learn-a-" + run, model, subjects(people, 4, 5), 1, 4, 21));
        api.awaitVersion(model, 2, WAIT);
        send(learn("learn-b-" + run, model, subjects(people, 6, 7), 1, 4, 22));
        api.awaitVersion(model, 3, WAIT);
        send(forgetSubject("forget5-" + run, model, people + "s5", null));
        assertThat(api.awaitVersion(model, 4, WAIT).path("guarantee").asText()).isEqualTo("EXACT");
        String erasureId = requestErasure(people + "s7");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            String status = api.get("/api/erasures/" + erasureId).path("status").asText();
            assertThat(status).as("erasure " + erasureId).isNotEqualTo("FAILED");
            return "COMPLETED".equals(status);
        });
        return erasureId;
    }

    private RetrainReport retrain(Connection c) throws SQLException {
        return RetrainVerifier.verify(c, workerDb, new RetrainVerifier.Options(Optional.of(model),
                check -> System.out.println("retrain " + check.line())));
    }

    /** What a ledger holding a false claim looks like: the completed event records another digest. */
    private void alterRecordedDigest(Connection c, int version, String digest, String forged) throws Exception {
        String eventId = completedEventId(c, version);
        try (PreparedStatement s = c.prepareStatement("UPDATE events.domainevententry SET payload = convert_to("
                + "replace(convert_from(payload, 'UTF8'), ?, ?), 'UTF8') WHERE eventidentifier = ?")) {
            s.setString(1, digest);
            s.setString(2, forged);
            s.setString(3, eventId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private String completedEventId(Connection c, int version) throws Exception {
        return completedRow(c, version).getKey();
    }

    private VersionCompletedEvent completed(Connection c, int version) throws Exception {
        return completedRow(c, version).getValue();
    }

    private Map.Entry<String, VersionCompletedEvent> completedRow(Connection c, int version) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT eventidentifier, payload FROM events.domainevententry"
                + " WHERE aggregateidentifier = ? AND payloadtype = ?")) {
            s.setString(1, model);
            s.setString(2, VersionCompletedEvent.class.getName());
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    var event = Json.mapper().readValue(rows.getBytes(2), VersionCompletedEvent.class);
                    if (event.version() == version) {
                        return Map.entry(rows.getString(1), event);
                    }
                }
            }
        }
        throw new AssertionError("no VersionCompletedEvent for version " + version);
    }

    /** A subject key deleted (committed, so the verifier's vault reads see it) and put back on close. */
    private final class DeletedKey implements AutoCloseable {

        private final String pseudonym;
        private final byte[] key;

        DeletedKey(String pseudonym, byte[] key) {
            this.pseudonym = pseudonym;
            this.key = key;
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = LogDatabase.connect(infra); PreparedStatement s = c.prepareStatement(
                    "INSERT INTO vault.subject_keys (subject_pseudonym, aes_key) VALUES (?, ?)")) {
                s.setString(1, pseudonym);
                s.setBytes(2, key);
                s.executeUpdate();
            }
        }
    }

    /** The branch's own records: its slice without the backbone records it rehearses. */
    private static List<String> ownRecords(VersionCompletedEvent version, String branchId) {
        List<String> backbone = component(version, "backbone").commitments();
        return component(version, branchId).commitments().stream().filter(x -> !backbone.contains(x)).toList();
    }

    private static ComponentLineage component(VersionCompletedEvent version, String componentId) {
        return version.components().stream().filter(k -> k.componentId().equals(componentId)).findFirst()
                .orElseThrow();
    }

    /** Deletes the one key still held for the subjects of {@code commitments}, outside any erasure. */
    private DeletedKey deleteKeyOfSubjectIn(List<String> commitments) throws SQLException {
        try (Connection c = LogDatabase.connect(infra); PreparedStatement s = c.prepareStatement(
                "DELETE FROM vault.subject_keys WHERE subject_pseudonym IN (SELECT subject_pseudonym FROM"
                        + " vault.records WHERE commitment = ANY (?)) RETURNING subject_pseudonym, aes_key")) {
            s.setArray(1, c.createArrayOf("varchar", commitments.toArray()));
            try (ResultSet rows = s.executeQuery()) {
                assertThat(rows.next()).isTrue();
                DeletedKey deleted = new DeletedKey(rows.getString(1), rows.getBytes(2));
                assertThat(rows.next()).isFalse();
                return deleted;
            }
        }
    }

    private static VersionCheck version(RetrainReport report, int version) {
        return report.versions().stream().filter(v -> v.version() == version).findFirst().orElseThrow();
    }

    private static List<ComponentCheck> retrained(VersionCheck version) {
        return version.components().stream().filter(ComponentCheck::retrained).toList();
    }

    /** Runs the CLI in this JVM and returns what it printed (echoed to the test log); fails unless it exits 0. */
    private static String runCli(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new Lethe()).execute(args);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertThat(exit).as(printed).isZero();
        return printed;
    }

    private String requestErasure(String subjectId) throws Exception {
        HttpResponse<String> response = api.send(api.request("/api/erasures").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subjectId\":\"" + subjectId
                        + "\",\"requestedBy\":\"dpo@example.org\"}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return Json.mapper().readTree(response.body()).get("erasureId").asText();
    }

    private void send(String command) throws Exception {
        kafka.send(Topics.COMMANDS, model, command);
    }
}
