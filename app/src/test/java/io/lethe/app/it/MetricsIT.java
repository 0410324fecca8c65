package io.lethe.app.it;

import io.lethe.api.Topics;
import io.lethe.app.LetheNode;
import io.lethe.app.infra.Infrastructure;
import io.lethe.app.infra.LetheInfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.lethe.app.it.CommandsFixture.ingestOrlSubject;
import static io.lethe.app.it.CommandsFixture.registerModel;
import static io.lethe.app.it.CommandsFixture.subjects;
import static io.lethe.app.it.CommandsFixture.trainBackbone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code lethe up}'s one {@code /metrics}: a few commands through Kafka (three ingests, a model, a backbone, one
 * registration of a model that exists and one value that is not JSON), then the scrape, over HTTP and
 * without a token, shows every service's meters with values that fit what was sent. The ITs share one broker, so
 * the node may also answer commands other tests left on {@code lethe.commands}: counts are lower bounds.
 */
@ExtendWith(LetheInfrastructureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {

    private static final String TOKEN = "metrics-it";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String model = "face-" + run;
    private final String people = "m" + run + "-";
    private final HttpClient http = HttpClient.newHttpClient();
    private LetheNode node;
    private KafkaTestClient kafka;

    @BeforeAll
    void start(Infrastructure infrastructure) {
        node = LetheNode.start(infrastructure, Map.of(), 0, TOKEN);
        kafka = new KafkaTestClient(infrastructure.kafkaBootstrapServers());
    }

    @AfterAll
    void stop() {
        kafka.close();
        node.close();
    }

    @Test
    void oneScrapeShowsCommandsLagTheLogAndJobDurations() throws Exception {
        for (int subject = 1; subject <= 3; subject++) {
            send(ingestOrlSubject("ingest-" + run + "-" + subject, subject, people));
        }
        send(registerModel("register-" + run, model, "face"));
        send(trainBackbone("backbone-" + run, model, subjects(people, 1, 3), 7));
        send(registerModel("register-again-" + run, model, "face"));
        kafka.send(Topics.COMMANDS, model, "this is not JSON");
        new NodeApi(node.httpPort(), TOKEN).awaitVersion(model, 1, Duration.ofMinutes(4));

        AtomicReference<PrometheusScrape> scrape = new AtomicReference<>();
        // Kafka's per-partition lag appears once Micrometer looks for new client metrics (every 10 s here).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            scrape.set(scrape());
            assertThat(lagPartitions(scrape.get(), "lethe-command-side", Topics.COMMANDS)).isPositive();
            assertThat(lagPartitions(scrape.get(), "lethe-query-side", Topics.EVENTS)).isPositive();
            assertThat(lagPartitions(scrape.get(), "lethe-workers", Topics.JOBS)).isPositive();
            assertThat(scrape.get().sum("lethe_commands_total", Map.of("type", "lethe.CompleteJob",
                    "status", "accepted"))).isGreaterThanOrEqualTo(1);
            assertThat(scrape.get().sum("lethe_checkpoint_age_seconds", Map.of())).isBetween(0.0, 60.0);
        });
        PrometheusScrape metrics = scrape.get();

        assertThat(accepted(metrics, "lethe.IngestRecords")).isGreaterThanOrEqualTo(3);
        assertThat(accepted(metrics, "lethe.RegisterModel")).isGreaterThanOrEqualTo(1);
        assertThat(accepted(metrics, "lethe.TrainBackbone")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.sum("lethe_commands_total", Map.of("type", "lethe.RegisterModel", "status", "rejected",
                "code", "MODEL_ALREADY_EXISTS"))).isGreaterThanOrEqualTo(1);
        double malformed = metrics.sum("lethe_commands_total", Map.of("type", "unparsed", "status", "rejected",
                "code", "MALFORMED_JSON"));
        assertThat(malformed).isGreaterThanOrEqualTo(1);
        assertThat(metrics.sum("lethe_dead_letters_total", Map.of("topic", Topics.COMMANDS_DLQ)))
                .as("every malformed value is dead-lettered").isGreaterThanOrEqualTo(malformed);
        assertThat(metrics.find("lethe_dead_letters_total", Map.of())).extracting(s -> s.labels().get("topic"))
                .contains(Topics.EVENTS_DLQ, Topics.JOBS_DLQ);

        assertThat(metrics.sum("lethe_event_store_append_seconds_count", Map.of())).isPositive();
        assertThat(metrics.sum("lethe_event_store_append_seconds_sum", Map.of())).isPositive();
        double backbones = metrics.sum("lethe_jobs_seconds_count", Map.of("kind", "TRAIN_BACKBONE",
                "status", "completed"));
        assertThat(backbones).isGreaterThanOrEqualTo(1);
        assertThat(metrics.sum("lethe_jobs_seconds_sum", Map.of("kind", "TRAIN_BACKBONE", "status", "completed"))
                / backbones).as("mean seconds per backbone").isBetween(0.001, 240.0);
        // Events so far: three ingests, a registration, a version requested and completed; each is a leaf.
        assertThat(metrics.sum("lethe_log_tree_size", Map.of())).isGreaterThanOrEqualTo(6);
        assertThat(metrics.find("lethe_log_unsigned_leaves", Map.of())).singleElement()
                .satisfies(s -> assertThat(s.value()).isBetween(0.0, metrics.sum("lethe_log_tree_size", Map.of())));
        assertThat(metrics.sum("lethe_projection_lag_seconds_count", Map.of())).isGreaterThanOrEqualTo(6);
        assertThat(metrics.find("kafka_consumer_fetch_manager_records_lag", Map.of("group", "lethe-command-side")))
                .allSatisfy(s -> assertThat(s.value()).isBetween(0.0, 1_000.0))
                .as("Kafka's copies under underscored topic names are filtered out")
                .allSatisfy(s -> assertThat(s.labels().get("topic")).isEqualTo(Topics.COMMANDS));
        assertThat(metrics.sum("commandBus_successCounter_total", Map.of())).isPositive();
    }

    private void send(String command) throws Exception {
        kafka.send(Topics.COMMANDS, model, command);
    }

    private static double accepted(PrometheusScrape metrics, String type) {
        return metrics.sum("lethe_commands_total", Map.of("type", type, "status", "accepted", "code", "none"));
    }

    private static long lagPartitions(PrometheusScrape metrics, String group, String topic) {
        return metrics.find("kafka_consumer_fetch_manager_records_lag", Map.of("group", group, "topic", topic)).size();
    }

    /** {@code GET /metrics} without a token; the last body is kept in target/ for a look by hand. */
    private PrometheusScrape scrape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.httpPort() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        Files.writeString(Path.of("target", "metrics-it-scrape.txt"), response.body());
        return PrometheusScrape.parse(response.body());
    }
}
