package io.lethe.command.publish;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import io.lethe.api.Json;
import io.lethe.api.Topics;
import io.lethe.api.cloudevents.CloudEventCodec;
import io.lethe.api.events.EventEnvelope;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records the publisher writes to {@code lethe.events} are structured-mode CloudEvents as the Kafka protocol
 * binding specifies: the SDK's deserializer reads them, and what the SDK's serializer writes back reads as the same
 * envelope, with the same leaf.
 */
class EventRecordsSdkTest {

    private static final JsonNode DATA = Json.mapper().createObjectNode().put("modelId", "face-1").put("score", 0.25);
    private static final EventEnvelope ENVELOPE = new EventEnvelope("evt-1", "lethe.ModelRegistered", "Model",
            "face-1", 3, Instant.parse("2026-12-01T12:00:00Z"), DATA, 41);

    @Test
    void everyEventRecordSaysItIsAStructuredCloudEvent() {
        ProducerRecord<String, byte[]> record = KafkaEventPublisher.record(ENVELOPE);

        assertThat(record.topic()).isEqualTo(Topics.EVENTS);
        assertThat(record.key()).isEqualTo("face-1");
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json; charset=UTF-8");
    }

    @Test
    void theSdkReadsAnEventRecordAndWritesItBackAsTheSameEnvelope() throws Exception {
        ProducerRecord<String, byte[]> record = KafkaEventPublisher.record(ENVELOPE);
        CloudEvent event;
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            event = deserializer.deserialize(record.topic(), record.headers(), record.value());
        }
        assertThat(event.getId()).isEqualTo("evt-1");
        assertThat(event.getType()).isEqualTo("lethe.ModelRegistered");
        assertThat(event.getSubject()).isEqualTo("face-1");
        assertThat(event.getExtension(EventEnvelope.EXT_TRANSPARENCY_INDEX)).isEqualTo("41");
        assertThat(Json.mapper().readTree(event.getData().toBytes())).isEqualTo(DATA);

        RecordHeaders headers = new RecordHeaders();
        byte[] written;
        try (CloudEventSerializer serializer = new CloudEventSerializer()) {
            serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.STRUCTURED,
                    CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE), false);
            written = serializer.serialize(Topics.EVENTS, headers, event);
        }
        EventEnvelope back = EventEnvelope.fromCloudEvent(CloudEventCodec.parse(written, Integer.MAX_VALUE));
        assertThat(back).isEqualTo(ENVELOPE);
        assertThat(back.leafInput()).isEqualTo(ENVELOPE.leafInput());
    }
}
