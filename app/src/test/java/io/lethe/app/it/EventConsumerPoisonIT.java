package io.lethe.app.it;

import com.zaxxer.hikari.HikariDataSource;
import io.lethe.api.Json;
import io.lethe.api.Topics;
import io.lethe.api.cloudevents.CloudEventCodec;
import io.lethe.api.events.EventEnvelope;
import io.lethe.app.infra.EmbeddedInfrastructure;
import io.lethe.query.consume.EventConsumer;
import io.lethe.query.consume.Transactions;
import io.lethe.query.models.ModelProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The query side's consumer meets a poison event (unreadable, or refused by a projection) between good
 * ones on real Kafka and PostgreSQL (its own): the poison is dead-lettered to {@code lethe.events.dlq} with its
 * code, the good events are projected, the consumer keeps running and reports itself DEGRADED.
 */
class EventConsumerPoisonIT {

    /**
     * Its own Kafka and PostgreSQL: the poison it puts on {@code lethe.events} is not the command side's, and
     * on the shared infrastructure every later query side would project and dead-letter it too.
     */
    @TempDir
    Path dataDir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aPoisonEventIsDeadLetteredAndTheEventsAroundItAreProjected() throws Exception {
        String key = "poison-" + run;
        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(dataDir, 0, 0);
             HikariDataSource db = WorkerFixture.migratedDatabase(infra); // also creates the topics
             KafkaTestClient kafka = new KafkaTestClient(infra.kafkaBootstrapServers());
             EventConsumer consumer = new EventConsumer(Map.of("bootstrap.servers", infra.kafkaBootstrapServers()),
                     "poison-it-" + run, new Transactions(db), List.of(new ModelProjection()))) {
            kafka.send(Topics.EVENTS, key, registered("before-" + run, "{\"modelId\":\"a-" + run + "\",\"task\":\"face\",\"preset\":\"paper-180nm\"}"));
            kafka.send(Topics.EVENTS, key, registered("refused-" + run, "{\"modelId\":\"not a valid id!\",\"task\":\"face\",\"preset\":\"paper-180nm\"}"));
            kafka.send(Topics.EVENTS, key, "not an event".getBytes(StandardCharsets.UTF_8));
            kafka.send(Topics.EVENTS, key, registered("after-" + run, "{\"modelId\":\"b-" + run + "\",\"task\":\"face\",\"preset\":\"paper-180nm\"}"));
            consumer.start();

            var dead = kafka.readUntil(Topics.EVENTS_DLQ, read -> read.stream().filter(r -> key.equals(r.key()))
                    .count() >= 2, Duration.ofMinutes(2)).stream().filter(r -> key.equals(r.key())).toList();
            assertThat(dead).extracting(r -> new String(r.headers().lastHeader(Topics.DLQ_ERROR_CODE_HEADER).value(),
                    StandardCharsets.UTF_8)).containsExactlyInAnyOrder("PROJECTION_FAILED", "UNREADABLE_EVENT");
            await().atMost(Duration.ofMinutes(1)).until(() -> LogDatabase.count(db,
                    "SELECT count(*) FROM query.models WHERE model_id LIKE ?", "%-" + run) == 2);
            assertThat(consumer.isAlive()).isTrue();
            assertThat(consumer.health().degradation()).get().asString().contains("2 events dead-lettered");
        }
    }

    private static byte[] registered(String eventId, String data) throws Exception {
        EventEnvelope envelope = new EventEnvelope(eventId, "lethe.ModelRegistered", "Model", "m", 0, Instant.now(),
                Json.mapper().readTree(data), 0);
        return CloudEventCodec.write(envelope.toCloudEvent());
    }
}
