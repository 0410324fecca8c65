package io.lethe.app;

import io.lethe.api.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/** Producer records of structured-mode CloudEvents, as the CloudEvents Kafka protocol binding writes them. */
public final class StructuredCloudEvents {

    private static final byte[] CONTENT_TYPE = CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

    private StructuredCloudEvents() {
    }

    /** A record whose value is a whole CloudEvent, with the binding's {@code content-type} header. */
    public static ProducerRecord<String, byte[]> record(String topic, String key, byte[] event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, event);
        record.headers().add(CloudEvent.CONTENT_TYPE_HEADER, CONTENT_TYPE);
        return record;
    }
}
