package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.api.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton as a user meets it: {@code lethe up} in its own JVM, a command through
 * Kafka, the model over REST, a malformed value in the DLQ, SIGTERM and a restart on the same data.
 */
class LetheUpIT {

    private static final Duration START = Duration.ofMinutes(3);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void commandsFlowThroughKafkaToRestAndSurviveARestart() throws Exception {
        int httpPort = LetheProcess.freePort();
        int kafkaPort = LetheProcess.freePort();
        try (LetheProcess lethe = LetheProcess.up(dataDir, httpPort, kafkaPort)) {
            assertThat(lethe.awaitReady(START))
                    .isEqualTo("ready http=http://127.0.0.1:" + httpPort + " kafka=127.0.0.1:" + kafkaPort);
            try (KafkaTestClient kafka = new KafkaTestClient(lethe.kafkaBootstrap())) {
                kafka.send(Topics.COMMANDS, "it-a", KafkaTestClient.registerModel("cmd-a", "it-a", "face"));
                kafka.send(Topics.COMMANDS, "it-a", "{\"this is\": not json");
                kafka.send(Topics.COMMANDS, "it-b", KafkaTestClient.registerModel("cmd-b", "it-b", "speaker"));
                // The same command id again: answered, but no second effect.
                kafka.send(Topics.COMMANDS, "it-a", KafkaTestClient.registerModel("cmd-a", "it-a", "face"));

                awaitModel(lethe, "it-b");
                assertThat(getModel(lethe, "it-a").get("task").asText()).isEqualTo("face");

                List<ConsumerRecord<String, byte[]>> replies = kafka.readUntil(Topics.COMMAND_RESULTS,
                        read -> read.size() >= 4, Duration.ofSeconds(30));
                assertThat(replies.stream().map(r -> status(r.value())).collect(Collectors.toList()))
                        .containsExactlyInAnyOrder("cmd-a:accepted", "cmd-a:accepted", "cmd-b:accepted",
                                "null:rejected:MALFORMED_JSON");

                List<ConsumerRecord<String, byte[]>> dead = kafka.readUntil(Topics.COMMANDS_DLQ,
                        read -> !read.isEmpty(), Duration.ofSeconds(30));
                assertThat(dead).hasSize(1);
                assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"this is\": not json");
                assertThat(new String(dead.get(0).headers().lastHeader(Topics.DLQ_ERROR_CODE_HEADER).value(),
                        StandardCharsets.UTF_8)).isEqualTo("MALFORMED_JSON");
            }
            assertThat(lethe.terminate(Duration.ofSeconds(60))).isIn(0, 143);
        }

        try (LetheProcess again = LetheProcess.up(dataDir, httpPort, kafkaPort)) {
            again.awaitReady(START);
            assertThat(getModel(again, "it-a").get("modelId").asText()).isEqualTo("it-a");
            try (KafkaTestClient kafka = new KafkaTestClient(again.kafkaBootstrap())) {
                kafka.send(Topics.COMMANDS, "it-c", KafkaTestClient.registerModel("cmd-c", "it-c", "image"));
            }
            awaitModel(again, "it-c");
            assertThat(countRows(again.postgresUrl(), "query.processed_events")).isEqualTo(3);
            assertThat(countRows(again.postgresUrl(), "events.domainevententry")).isEqualTo(3);
            assertThat(countRows(again.postgresUrl(), "events.publication_log")).isEqualTo(3);
        }
    }

    @Test
    void restRequiresTheBearerTokenAndAnswersErrorsAsJson() throws Exception {
        try (LetheProcess lethe = LetheProcess.up(dataDir, LetheProcess.freePort(), LetheProcess.freePort())) {
            lethe.awaitReady(START);
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
                    URI.create(lethe.httpBase() + "/api/models")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(Json.mapper().readTree(anonymous.body()).get("errorCode").asText()).isEqualTo("UNAUTHENTICATED");

            HttpResponse<String> missing = get(lethe, "/api/models/no-such-model");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(Json.mapper().readTree(missing.body()).get("errorCode").asText()).isEqualTo("NOT_FOUND");
        }
    }

    private static String status(byte[] reply) {
        try {
            JsonNode node = Json.mapper().readTree(reply);
            String code = node.has("errorCode") ? ":" + node.get("errorCode").asText() : "";
            return node.path("commandId").asText("null") + ":" + node.get("status").asText() + code;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitModel(LetheProcess lethe, String modelId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(lethe, "/api/models/" + modelId).statusCode() == 200);
    }

    private JsonNode getModel(LetheProcess lethe, String modelId) throws Exception {
        HttpResponse<String> response = get(lethe, "/api/models/" + modelId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private HttpResponse<String> get(LetheProcess lethe, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(lethe.httpBase() + path))
                        .header("Authorization", "Bearer " + LetheProcess.ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long countRows(String url, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
