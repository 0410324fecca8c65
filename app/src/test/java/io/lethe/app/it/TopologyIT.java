package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.api.Topics;
import io.lethe.app.infra.EmbeddedPostgresServer;
import io.lethe.app.infra.ExternalInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.lethe.app.it.CommandsFixture.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lethe as a production deployment runs it, on one machine: a three-node KRaft cluster (replication
 * factor 3, {@code min.insync.replicas=2}), one PostgreSQL, and every service its own JVM from the
 * documented variables: two command sides, one query side, three workers. A stream of ingests, light
 * commands, trainings, a forget and an erasure; during it one broker, one command side and one worker
 * are SIGKILLed. At the end every command has one answer (repeated answers are identical), every effect
 * happened once, every job completed once, and {@code lethe verify} passes.
 */
class TopologyIT {

    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration WORK = Duration.ofMinutes(6);
    private static final String ADMIN = "topology-it-admin";
    private static final int LIGHT = 120;

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String model = "topo-" + run;
    private final String dataset = "topo-" + run;
    private final List<String> commandIds = new ArrayList<>();

    @Test
    void nothingIsLostOrDoneTwiceWhenABrokerACommandSideAndAWorkerAreKilled() throws Exception {
        try (KafkaCluster kafka = KafkaCluster.start(dir, 3, START);
             EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0)) {
            ExternalInfrastructure infra = new ExternalInfrastructure(kafka.bootstrapServers(), postgres.jdbcUrl(),
                    postgres.user(), postgres.password());
            Map<String, String> secret = keysAndTopics(infra);
            Map<String, String> querySecrets = new HashMap<>(secret);
            querySecrets.put("LETHE_LOG_SIGNING_KEY_FILE", dir.resolve("keys/log-signing-key.pem").toString());
            querySecrets.put("LETHE_ADMIN_TOKEN", ADMIN);
            int port = LetheProcess.freePort();
            List<LetheCliProcess> services = new ArrayList<>();
            try (KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers())) {
                services.add(LetheCliProcess.start(infra, secret, "service", "command-side"));
                services.add(LetheCliProcess.start(infra, secret, "service", "command-side"));
                services.add(LetheCliProcess.start(infra, querySecrets, "service", "query-side", "--http-port",
                        Integer.toString(port)));
                for (int w = 1; w <= 3; w++) {
                    services.add(LetheCliProcess.start(infra, Map.of("LETHE_WORKER_ID", "topo-" + w), "service",
                            "worker"));
                }
                for (LetheCliProcess service : services) {
                    service.awaitLine("ready service=", START);
                }
                NodeApi api = new NodeApi(port, ADMIN);
                trainOnPublicFaces(client, api);

                for (int i = 0; i < LIGHT; i++) {
                    if (i == LIGHT / 3) {
                        kafka.kill(2);
                        services.get(0).kill();    // a command side
                    }
                    if (i == LIGHT / 2) {
                        services.get(3).kill();    // a worker
                    }
                    send(client, "light-" + run + "-" + i, "lm-" + run + "-" + i,
                            CommandsFixture.registerModel("light-" + run + "-" + i, "lm-" + run + "-" + i, "face"));
                }
                send(client, "forget-" + run, model, CommandsFixture.forgetSubject("forget-" + run, model,
                        "topo-s5", "exact"));
                api.awaitVersion(model, 3, WORK);
                String erasureId = requestErasure(api, "topo-s6");
                await().atMost(WORK).pollInterval(Duration.ofSeconds(1)).until(() ->
                        "COMPLETED".equals(api.get("/api/erasures/" + erasureId).path("status").asText()));

                everyCommandAnsweredOnceAndAccepted(client);
                everyEffectOnce(api, postgres);
                queryMetricsAfterTheFaults(api);
                assertThat(LetheCliProcess.start(infra, Map.of(), "verify", "--db", postgres.jdbcUrl())
                        .awaitExit(START)).as("lethe verify").isZero();
            } finally {
                for (LetheCliProcess service : services) {
                    service.close();
                }
            }
        }
    }

    /** Prometheus, scraped as an operator's would be: the log has grown, the event consumer reports its lag. */
    private static void queryMetricsAfterTheFaults(NodeApi api) throws Exception {
        String scrape = api.raw("/metrics").body();
        assertThat(scrape).contains("kafka_consumer_fetch_manager_records_lag{").contains("group=\"lethe-query-side\"");
        double treeSize = scrape.lines().filter(l -> l.startsWith("lethe_log_tree_size"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
        assertThat(treeSize).as("lethe_log_tree_size").isGreaterThan(LIGHT);
    }

    /** {@code lethe keys init} and {@code lethe migrate --create-topics} with the cluster's replication. */
    private Map<String, String> keysAndTopics(ExternalInfrastructure infra) throws Exception {
        assertThat(LetheCliProcess.start(infra, Map.of(), "keys", "init", "--data-dir", dir.toString())
                .awaitExit(START)).isZero();
        try (LetheCliProcess migrate = LetheCliProcess.start(infra, Map.of("LETHE_TOPIC_REPLICATION_FACTOR", "3",
                "LETHE_TOPIC_MIN_INSYNC_REPLICAS", "2"), "migrate", "--create-topics")) {
            assertThat(migrate.awaitExit(START)).as(migrate.output()).isZero();
        }
        return Map.of("LETHE_LEDGER_SECRET_FILE", dir.resolve("keys/ledger-secret").toString());
    }

    private void trainOnPublicFaces(KafkaTestClient client, NodeApi api) throws Exception {
        for (int s = 1; s <= 6; s++) {
            String id = "ingest-" + run + "-" + s;
            send(client, id, dataset, CommandsFixture.ingestOrlSubject(id, s, "topo-")
                    .replace("\"dataset\":\"orl\"", "\"dataset\":\"" + dataset + "\""));
        }
        send(client, "register-" + run, model, CommandsFixture.registerModel("register-" + run, model, "face"));
        send(client, "backbone-" + run, model, envelope("backbone-" + run, "lethe.TrainBackbone", "{\"modelId\":\""
                + model + "\",\"selector\":{\"dataset\":\"" + dataset + "\",\"subjects\":"
                + CommandsFixture.subjects("topo-", 1, 3) + "},\"seed\":3}"));
        api.awaitVersion(model, 1, WORK);
        send(client, "learn-" + run, model, envelope("learn-" + run, "lethe.Learn", "{\"modelId\":\"" + model
                + "\",\"selector\":{\"dataset\":\"" + dataset + "\",\"subjects\":" + CommandsFixture.subjects("topo-",
                4, 6) + "},\"slices\":3,\"rank\":4,\"seed\":7}"));
        api.awaitVersion(model, 2, WORK);
    }

    private void send(KafkaTestClient client, String commandId, String key, String value) throws Exception {
        commandIds.add(commandId);
        client.send(Topics.COMMANDS, key, value);
    }

    private static String requestErasure(NodeApi api, String subject) throws Exception {
        HttpResponse<String> response = api.send(api.request("/api/erasures").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subjectId\":\"" + subject + "\",\"requestedBy\":\"dpo\"}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return Json.mapper().readTree(response.body()).get("erasureId").asText();
    }

    /** At least once on the wire, once in meaning: every command answered, repeated answers identical. */
    private void everyCommandAnsweredOnceAndAccepted(KafkaTestClient client) {
        Set<String> wanted = new HashSet<>(commandIds);
        List<ConsumerRecord<String, byte[]>> replies = client.readUntil(Topics.COMMAND_RESULTS, read -> read.stream()
                .map(ConsumerRecord::key).filter(wanted::contains).distinct().count() == wanted.size(), WORK);
        Map<String, Set<String>> answers = new HashMap<>();
        for (ConsumerRecord<String, byte[]> reply : replies) {
            if (wanted.contains(reply.key())) {
                answers.computeIfAbsent(reply.key(), k -> new HashSet<>()).add(new String(reply.value(),
                        StandardCharsets.UTF_8));
            }
        }
        assertThat(answers.keySet()).containsExactlyInAnyOrderElementsOf(wanted);
        assertThat(answers).allSatisfy((id, distinct) -> {
            assertThat(distinct).as(id + ": one answer").hasSize(1);
            assertThat(distinct.iterator().next()).as(id).contains("\"accepted\"");
        });
    }

    private void everyEffectOnce(NodeApi api, EmbeddedPostgresServer postgres) throws Exception {
        JsonNode versions = api.get("/api/models/" + model).get("versions");
        List<Integer> numbers = new ArrayList<>();
        versions.forEach(v -> {
            numbers.add(v.get("version").asInt());
            assertThat(v.get("status").asText()).as("version " + v.get("version")).isEqualTo("COMPLETED");
        });
        assertThat(numbers).as("learn, forget, the erasure's forget: no version twice")
                .containsExactly(1, 2, 3, 4);
        await().atMost(WORK).until(() -> LogDatabase.count(postgres.dataSource(),
                "SELECT count(*) FROM query.models WHERE model_id LIKE ?", "lm-" + run + "-%") == LIGHT);
        assertThat(LogDatabase.count(postgres.dataSource(), "SELECT count(*) FROM vault.records WHERE dataset = ?",
                dataset)).as("every record once").isEqualTo(60);
        assertThat(LogDatabase.count(postgres.dataSource(), "SELECT count(*) FROM (SELECT version, job_type FROM worker.job_runs"
                + " WHERE model_id = ? AND status = 'completed' GROUP BY version, job_type HAVING count(*) > 1) twice",
                model)).as("no version trained or deployed by two jobs").isZero();
    }
}
