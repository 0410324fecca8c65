package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.lethe.api.Topics;
import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.MerkleProofs;
import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.Rfc6962;
import io.lethe.app.LetheNode;
import io.lethe.app.ServiceSettings;
import io.lethe.app.infra.Infrastructure;
import io.lethe.app.infra.LetheInfrastructureExtension;
import io.lethe.app.verify.ReplayVerifier;
import io.lethe.app.verify.VerifyReport;
import io.lethe.migrations.Migrations;
import io.lethe.query.QuerySide;
import io.lethe.query.QuerySideSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The transparency log end to end in one JVM: commands through Kafka become leaves; checkpoints, entries and
 * proofs over HTTP verify with the auditors' library; {@code verify} catches a changed, deleted or swapped event
 * row; and the projections rebuild identically from {@code lethe.events}. Shares its Kafka/PostgreSQL with other
 * ITs, so it uses fresh model ids and only relative counts.
 */
@ExtendWith(LetheInfrastructureExtension.class)
class TransparencyLogIT {

    private static final String TOKEN = "transparency-it-token";
    private static final String ORIGIN = "lethe.local/log";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Infrastructure infra;
    private static LetheNode node;
    private static LogHttpClient http;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        infra = infrastructure;
        node = LetheNode.start(infrastructure, Map.of(), 0, TOKEN);
        http = new LogHttpClient(node.httpPort(), TOKEN);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void logGrowsWithEveryEventAndItsProofsVerify() throws Exception {
        List<String> models = registerModels("log", 6);
        long size = awaitAllEventsLogged();

        Checkpoint checkpoint = signAndVerifyCheckpoint();
        assertThat(checkpoint.treeSize()).isGreaterThanOrEqualTo(size);
        byte[] root = checkpoint.rootHash();
        long treeSize = checkpoint.treeSize();

        List<byte[]> leafHashes = entryLeafHashes(treeSize);
        assertThat(leafHashes).hasSize((int) treeSize);
        assertThat(Rfc6962.rootOfLeafHashes(leafHashes)).isEqualTo(root);

        try (Connection c = LogDatabase.connect(infra)) {
            for (String model : models) {
                long index = Long.parseLong(LogDatabase.leafOf(c, model)[0]);
                JsonNode proof = http.get("/api/log/proof/inclusion?index=" + index + "&size=" + treeSize).json();
                assertThat(proof.get("leafIndex").asLong()).isEqualTo(index);
                MerkleProofs.verifyInclusion(leafHashes.get((int) index), index, treeSize,
                        LogHttpClient.hashes(proof.get("hashes")), root);
            }
        }
        for (long from = 1; from < treeSize; from += Math.max(1, treeSize / 7)) {
            JsonNode proof = http.get("/api/log/proof/consistency?from=" + from + "&to=" + treeSize).json();
            MerkleProofs.verifyConsistency(from, treeSize, LogHttpClient.hashes(proof.get("hashes")),
                    Rfc6962.rootOfLeafHashes(leafHashes.subList(0, (int) from)), root);
        }
    }

    @Test
    void badLogParametersAreAnsweredWith400AndACode() throws Exception {
        for (String path : List.of("/api/log/entries?start=5&end=2", "/api/log/entries?start=0&end=5000",
                "/api/log/entries?start=x&end=2", "/api/log/entries", "/api/log/proof/inclusion?index=3&size=3",
                "/api/log/proof/inclusion?index=0&size=999999999", "/api/log/proof/consistency?from=0&to=1",
                "/api/log/proof/consistency?from=-1&to=1")) {
            LogHttpClient.Response response = http.get(path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.json().get("errorCode").asText()).as(path).isEqualTo("BAD_REQUEST");
        }
        assertThat(http.post("/api/log/checkpoint", false).status()).isEqualTo(401);
        LogHttpClient.Response openApi = http.get("/api/openapi.json");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").fieldNames()).toIterable().contains("/api/models",
                "/api/models/{modelId}", "/api/log/checkpoint", "/api/log/public-key", "/api/log/keys",
                "/api/log/entries", "/api/log/proof/inclusion", "/api/log/proof/consistency");
    }

    @Test
    void verifyPassesUntouchedAndNamesTheLeafOfAChangedDeletedOrSwappedEventOrAForgedLeafHash() throws Exception {
        List<String> models = registerModels("tamper", 3);
        awaitAllEventsLogged();
        signAndVerifyCheckpoint();
        try (Connection c = LogDatabase.connect(infra)) {
            VerifyReport clean = ReplayVerifier.verify(c, ReplayVerifier.Options.defaults(ORIGIN));
            assertThat(clean.failures()).isEmpty();
            assertThat(clean.events()).isGreaterThanOrEqualTo(3);
            assertThat(clean.checkpoints()).isPositive();

            String[] first = LogDatabase.leafOf(c, models.get(0));
            String[] second = LogDatabase.leafOf(c, models.get(1));
            String firstLeaf = "leaf " + first[0] + " (event " + first[1] + ")";
            assertThat(tampered(c, "UPDATE events.domainevententry SET payload = convert_to(replace("
                    + "convert_from(payload, 'UTF8'), 'face', 'image'), 'UTF8') WHERE eventidentifier = '"
                    + first[1] + "'")).startsWith(firstLeaf).contains("does not match");
            assertThat(tampered(c, "DELETE FROM events.domainevententry WHERE eventidentifier = '" + first[1] + "'"))
                    .startsWith(firstLeaf).contains("missing");
            assertThat(tampered(c, "UPDATE events.domainevententry d SET payload = o.payload FROM"
                    + " events.domainevententry o WHERE (d.eventidentifier, o.eventidentifier) IN (('" + first[1]
                    + "', '" + second[1] + "'), ('" + second[1] + "', '" + first[1] + "'))"))
                    .startsWith(firstLeaf);
            assertThat(tampered(c, "UPDATE query.log_leaves SET leaf_hash = sha256(leaf_input) WHERE leaf_index = "
                    + first[0])).startsWith(firstLeaf).contains("stored leaf hash");
            assertThat(ReplayVerifier.verify(c, ReplayVerifier.Options.defaults(ORIGIN)).ok()).isTrue();
        }
    }

    @Test
    void projectionsRebuiltFromTheTopicAreIdentical() throws Exception {
        registerModels("rebuild", 4);
        long size = awaitAllEventsLogged();
        String url = LogDatabase.createDatabase(infra, "rebuild_" + run.replace('-', '_'));
        try (HikariDataSource db = dataSource(url)) {
            Migrations.migrate(db);
            QuerySideSettings settings = new QuerySideSettings(ServiceSettings.kafka(infra, Map.of()), db, 0, TOKEN,
                    "lethe-query-rebuild-" + run, QuerySideSettings.LogSettings.DEFAULT,
                    io.lethe.crypto.ledger.LedgerSecret.generate(), io.lethe.query.log.Ed25519Keys.generate());
            try (QuerySide rebuilt = QuerySide.start(settings); Connection c = db.getConnection();
                 Connection live = LogDatabase.connect(infra)) {
                await().atMost(WAIT).until(() -> LogDatabase.count(c, "SELECT count(*) FROM query.log_leaves") >= size);
                // The shared stack may still carry other tests' work (a job, an erasure) to its end: both
                // projections follow the same topic, so they must converge to identical tables.
                await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(dumps(c)).isEqualTo(dumps(live)));
            }
        }
    }

    /** Runs {@code tamper} in a transaction, verifies inside it, rolls back; returns the first failure. */
    private static String tampered(Connection c, String tamper) throws SQLException {
        c.setAutoCommit(false);
        try {
            c.createStatement().executeUpdate(tamper);
            VerifyReport report = ReplayVerifier.verify(c, ReplayVerifier.Options.defaults(ORIGIN));
            assertThat(report.ok()).as(tamper).isFalse();
            return report.failures().get(0);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private List<String> registerModels(String purpose, int count) throws Exception {
        List<String> models = new ArrayList<>();
        try (KafkaTestClient kafka = new KafkaTestClient(infra.kafkaBootstrapServers())) {
            for (int i = 0; i < count; i++) {
                String model = "tl-" + purpose + "-" + run + "-" + i;
                kafka.send(Topics.COMMANDS, model, KafkaTestClient.registerModel("cmd-" + model, model, "face"));
                models.add(model);
            }
        }
        try (Connection c = LogDatabase.connect(infra)) {
            await().atMost(WAIT).until(() -> LogDatabase.count(c, "SELECT count(*) FROM query.models WHERE model_id"
                    + " LIKE 'tl-" + purpose + "-" + run + "-%'") == count);
        }
        return models;
    }

    /** Waits until every published event is a leaf; returns the log size. */
    private static long awaitAllEventsLogged() throws SQLException {
        try (Connection c = LogDatabase.connect(infra)) {
            await().atMost(WAIT).conditionEvaluationListener(condition -> {
                if (condition.getRemainingTimeInMS() <= condition.getPollInterval().toMillis()) {
                    printUnpublished(c);
                }
            }).until(() -> {
                long published = LogDatabase.count(c, "SELECT count(*) FROM events.publication_log");
                long stored = LogDatabase.count(c, "SELECT count(*) FROM events.domainevententry");
                return published == stored
                        && LogDatabase.count(c, "SELECT count(*) FROM query.log_leaves") == published;
            });
            return LogDatabase.count(c, "SELECT count(*) FROM query.log_leaves");
        }
    }

    /** When the log does not catch up, says which stored events were never published and where the tokens stand. */
    private static void printUnpublished(Connection c) {
        try {
            System.out.println("not yet published: " + LogDatabase.dump(c, "SELECT e.globalindex, e.eventidentifier,"
                    + " e.type, e.payloadtype, e.timestamp FROM events.domainevententry e LEFT JOIN"
                    + " events.publication_log p ON p.event_id = e.eventidentifier WHERE p.event_id IS NULL"
                    + " ORDER BY e.globalindex LIMIT 20") + " tokens: " + LogDatabase.dump(c,
                    "SELECT processorname, encode(token, 'escape'), owner FROM events.tokenentry") + " counts: "
                    + LogDatabase.dump(c, "SELECT (SELECT count(*) FROM events.domainevententry),"
                    + " (SELECT count(*) FROM events.publication_log), (SELECT count(*) FROM query.log_leaves),"
                    + " (SELECT count(*) FROM query.log_pending), (SELECT min(leaf_index) FROM query.log_pending)")
                    + " first missing leaf: " + LogDatabase.dump(c, "SELECT p.leaf_index, p.event_id, e.payloadtype,"
                    + " e.aggregateidentifier, (SELECT count(*) FROM query.processed_events q"
                    + " WHERE q.event_id = p.event_id) FROM events.publication_log p JOIN events.domainevententry e"
                    + " ON e.eventidentifier = p.event_id WHERE p.leaf_index = (SELECT COALESCE(MAX(leaf_index) + 1, 0)"
                    + " FROM query.log_leaves)"));
        } catch (SQLException e) {
            System.out.println("cannot list unpublished events: " + e.getMessage());
        }
    }

    private static Checkpoint signAndVerifyCheckpoint() throws Exception {
        LogHttpClient.Response signed = http.post("/api/log/checkpoint", true);
        assertThat(signed.status()).isEqualTo(200);
        LogHttpClient.Response latest = http.get("/api/log/checkpoint");
        assertThat(latest.contentType()).startsWith("text/plain");
        JsonNode key = http.get("/api/log/public-key").json();
        assertThat(key.get("algorithm").asText()).isEqualTo("Ed25519");
        NoteVerifier verifier = new NoteVerifier(key.get("keyName").asText(),
                Base64.getDecoder().decode(key.get("publicKey").asText()));
        return Checkpoint.verify(latest.body(), verifier, ORIGIN);
    }

    private static List<byte[]> entryLeafHashes(long treeSize) throws Exception {
        List<byte[]> hashes = new ArrayList<>();
        for (long start = 0; start < treeSize; start += 1000) {
            JsonNode page = http.get("/api/log/entries?start=" + start + "&end=" + Math.min(treeSize, start + 1000))
                    .json();
            for (JsonNode entry : page) {
                assertThat(entry.get("index").asLong()).isEqualTo(hashes.size());
                hashes.add(Rfc6962.leafHash(Base64.getDecoder().decode(entry.get("leafInput").asText())));
            }
        }
        return hashes;
    }

    private static List<List<String>> dumps(Connection c) throws SQLException {
        return List.of(
                LogDatabase.dump(c, "SELECT model_id, task, preset, deployed_version, registered_at FROM query.models"
                        + " ORDER BY model_id"),
                LogDatabase.dump(c, "SELECT leaf_index, encode(leaf_input, 'base64'), encode(leaf_hash, 'hex'),"
                        + " event_id, event_type FROM query.log_leaves ORDER BY leaf_index"),
                LogDatabase.dump(c, "SELECT level, node_index, encode(hash, 'hex') FROM query.log_nodes"
                        + " ORDER BY level, node_index"),
                LogDatabase.dump(c, "SELECT count(*) FROM query.log_pending"));
    }

    private static HikariDataSource dataSource(String url) {
        HikariDataSource db = new HikariDataSource();
        db.setJdbcUrl(url);
        db.setUsername(infra.postgresUser());
        db.setPassword(infra.postgresPassword());
        db.setMaximumPoolSize(4);
        return db;
    }
}
