package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.api.Topics;
import io.lethe.samples.BundledSamples;
import io.lethe.app.infra.Infrastructure;
import io.lethe.app.infra.LetheInfrastructureExtension;
import io.lethe.app.metrics.MetricsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.lethe.app.it.CommandsFixture.envelope;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production topology as the README documents it, on one machine: {@code lethe keys init},
 * {@code lethe migrate --create-topics} and each {@code lethe service} in its own JVM, configured by the
 * documented variables alone (nothing else of the build's environment is passed on), against the test
 * infrastructure's Kafka and PostgreSQL. A producer's token, an ingest through {@code lethe ingest}, a
 * backbone and a branch trained on the sealed records: every service did its part.
 */
@ExtendWith(LetheInfrastructureExtension.class)
class ServicesIT {

    private static final Duration START = Duration.ofMinutes(2);
    private static final String ADMIN = "services-it-admin";

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void migrateAndEveryServiceStartFromTheDocumentedVariablesAndWorkTogether(Infrastructure infra) throws Exception {
        assertThat(LetheCliProcess.start(infra, Map.of(), "keys", "init", "--data-dir", dir.toString())
                .awaitExit(START)).as("keys init").isZero();
        Map<String, String> secret = Map.of("LETHE_LEDGER_SECRET_FILE", dir.resolve("keys/ledger-secret").toString());
        Map<String, String> querySecrets = Map.of("LETHE_LEDGER_SECRET_FILE", secret.get("LETHE_LEDGER_SECRET_FILE"),
                "LETHE_LOG_SIGNING_KEY_FILE", dir.resolve("keys/log-signing-key.pem").toString(),
                "LETHE_ADMIN_TOKEN", ADMIN);
        try (LetheCliProcess migrate = LetheCliProcess.start(infra, Map.of(), "migrate", "--create-topics")) {
            assertThat(migrate.awaitExit(START)).as(migrate.output()).isZero();
        }
        int port = LetheProcess.freePort();
        int commandMetrics = LetheProcess.freePort();
        int workerMetrics = LetheProcess.freePort();
        Map<String, String> commandSideEnv = new HashMap<>(secret);
        commandSideEnv.put(MetricsServer.PORT_ENV, Integer.toString(commandMetrics));
        try (LetheCliProcess commandSide = LetheCliProcess.start(infra, commandSideEnv, "service", "command-side");
             LetheCliProcess querySide = LetheCliProcess.start(infra, querySecrets, "service", "query-side",
                     "--http-port", Integer.toString(port));
             LetheCliProcess worker = LetheCliProcess.start(infra, Map.of("LETHE_WORKER_ID", "services-" + run,
                     MetricsServer.PORT_ENV, Integer.toString(workerMetrics)), "service", "worker");
             KafkaTestClient kafka = new KafkaTestClient(infra.kafkaBootstrapServers())) {
            commandSide.awaitLine("ready service=command-side", START);
            querySide.awaitLine("ready service=query-side", START);
            worker.awaitLine("ready service=worker", START);
            NodeApi admin = new NodeApi(port, ADMIN);
            String producer = producerToken(admin);
            String model = "svc-" + run;
            String dataset = "svc-" + run;

            LetheCliProcess ingest = LetheCliProcess.start(infra, Map.of(), ingestArguments(infra, port, producer, dataset));
            assertThat(ingest.awaitExit(START)).as(ingest.output()).isZero();
            assertThat(ingest.output()).contains("accepted");

            for (int s = 1; s <= 3; s++) {
                kafka.send(Topics.COMMANDS, dataset, publicFaces("pub-" + run + "-" + s, dataset, s));
            }
            kafka.send(Topics.COMMANDS, model, CommandsFixture.registerModel("reg-" + run, model, "face"));
            kafka.send(Topics.COMMANDS, model, envelope("bb-" + run, "lethe.TrainBackbone", "{\"modelId\":\"" + model
                    + "\",\"selector\":{\"dataset\":\"" + dataset + "\",\"subjects\":[\"pub-s1\",\"pub-s2\",\"pub-s3\"]},"
                    + "\"seed\":5}"));
            admin.awaitVersion(model, 1, START);
            kafka.send(Topics.COMMANDS, model, envelope("learn-" + run, "lethe.Learn", "{\"modelId\":\"" + model
                    + "\",\"selector\":{\"dataset\":\"" + dataset + "\",\"subjectPseudonyms\":[\""
                    + pseudonymOf(new NodeApi(port, producer), "bob+" + run + "@example.org") + "\"]},\"seed\":9}"));
            JsonNode version = admin.awaitVersion(model, 2, START);

            assertThat(version.get("branches")).isNotEmpty();
            assertThat(admin.get("/health").get("status").asText()).isEqualTo("UP");
            assertThat(commandSide.isAlive() && querySide.isAlive() && worker.isAlive()).isTrue();
            eachServiceServesItsOwnMetrics(port, commandMetrics, workerMetrics);
        }
    }

    /** Separate processes, separate registries: each {@code /metrics} shows its own service's meters only. */
    private static void eachServiceServesItsOwnMetrics(int queryPort, int commandPort, int workerPort)
            throws Exception {
        String command = metrics(commandPort);
        String worker = metrics(workerPort);
        String query = metrics(queryPort);
        assertThat(command).contains("lethe_commands_total{code=\"none\",status=\"accepted\",type=\"lethe.Learn\"}",
                "group=\"lethe-command-side\"").doesNotContain("lethe_jobs_seconds");
        assertThat(worker).contains("lethe_jobs_seconds_count{kind=\"LEARN\",status=\"completed\"}",
                "group=\"lethe-workers\"").doesNotContain("lethe_commands_total");
        assertThat(query).contains("lethe_log_tree_size", "group=\"lethe-query-side\"")
                .doesNotContain("lethe_commands_total");
    }

    private static String metrics(int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("/metrics on " + port).isEqualTo(200);
        return response.body();
    }

    private String[] ingestArguments(Infrastructure infra, int port, String token, String dataset) throws Exception {
        List<String> args = new ArrayList<>(List.of("ingest", "--kafka", infra.kafkaBootstrapServers(), "--http",
                "http://127.0.0.1:" + port, "--token", token, "--dataset", dataset, "--subject",
                "bob+" + run + "@example.org", "--record", "bob-" + run, "--label", "bob"));
        for (int i = 1; i <= 5; i++) {
            Path face = dir.resolve(i + ".pgm");
            Files.write(face, BundledSamples.read("orl:s9/" + i + ".pgm").orElseThrow());
            args.add(face.toString());
        }
        return args.toArray(String[]::new);
    }

    private static String producerToken(NodeApi admin) throws Exception {
        HttpResponse<String> issued = admin.send(admin.request("/api/tokens").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"services-it\",\"role\":\"producer\"}")));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return Json.mapper().readTree(issued.body()).get("token").asText();
    }

    private static String pseudonymOf(NodeApi producer, String subject) throws Exception {
        HttpResponse<String> key = producer.send(producer.request("/api/subject-keys")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subjectId\":\"" + subject + "\"}")));
        assertThat(key.statusCode()).as(key.body()).isEqualTo(200);
        return Json.mapper().readTree(key.body()).get("subjectPseudonym").asText();
    }

    private static String publicFaces(String commandId, String dataset, int s) {
        StringBuilder records = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            records.append(i == 1 ? "" : ",").append("{\"recordId\":\"").append(commandId).append("-").append(i)
                    .append("\",\"subjectId\":\"pub-s").append(s).append("\",\"label\":\"s").append(s)
                    .append("\",\"source\":\"orl:s").append(s).append("/").append(i).append(".pgm\"}");
        }
        return envelope(commandId, "lethe.IngestRecords", "{\"dataset\":\"" + dataset + "\",\"records\":[" + records
                + "]}");
    }
}
