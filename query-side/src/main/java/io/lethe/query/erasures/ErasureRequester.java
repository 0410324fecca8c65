package io.lethe.query.erasures;

import io.lethe.api.Topics;
import io.lethe.api.cloudevents.CloudEvent;
import io.lethe.api.cloudevents.CloudEventCodec;
import io.lethe.api.commands.RequestErasureCommand;
import io.lethe.api.Json;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /api/erasures} becomes a {@code lethe.RequestErasure} command on Kafka, exactly as a
 * producer would send it; the command side decides (a request for a subject with an open erasure
 * joins it). The send is acknowledged by the broker before the 202.
 */
public final class ErasureRequester implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public ErasureRequester(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "lethe-query-erasures");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends the request under {@code commandId}, from which the command side derives the erasure's id. */
    public void request(String commandId, RequestErasureCommand command) {
        try {
            producer.send(record(commandId, command, Instant.now())).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while requesting an erasure", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the erasure request could not be sent to Kafka", e);
        }
    }

    /** The command as a structured-mode CloudEvents record, with the binding's {@code content-type} header. */
    static ProducerRecord<String, byte[]> record(String commandId, RequestErasureCommand command, Instant now) {
        CloudEvent event = new CloudEvent(commandId, "lethe-query-side", "lethe.RequestErasure",
                null, now.toString(), "application/json", Map.of(), Json.mapper().valueToTree(command));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.COMMANDS, command.routingKey(),
                CloudEventCodec.write(event));
        record.headers().add(CloudEvent.CONTENT_TYPE_HEADER,
                CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    @Override
    public void close() {
        producer.close();
    }
}
