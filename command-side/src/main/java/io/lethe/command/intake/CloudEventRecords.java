package io.lethe.command.intake;

import io.lethe.api.cloudevents.CloudEvent;
import io.lethe.api.cloudevents.CloudEventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The two modes of the CloudEvents Kafka protocol binding, as the command parser reads them. A record whose
 * {@code content-type} starts with {@code application/cloudevents} is structured: the value is the whole event.
 * A record with a {@code ce_specversion} header is binary: attributes in {@code ce_} headers, {@code data} in the
 * value, {@code datacontenttype} in {@code content-type}. Anything else is read as structured, as it always was,
 * so producers that set no headers (Kafka's console producer) keep working.
 */
final class CloudEventRecords {

    private static final String SPEC_VERSION_HEADER = CloudEvent.BINARY_HEADER_PREFIX + "specversion";

    private CloudEventRecords() {
    }

    /** The record's event as structured-mode JSON bytes: the value itself unless the record is in binary mode. */
    static byte[] structuredValue(ConsumerRecord<String, byte[]> record) {
        Header contentType = record.headers().lastHeader(CloudEvent.CONTENT_TYPE_HEADER);
        if (isStructured(contentType) || record.headers().lastHeader(SPEC_VERSION_HEADER) == null) {
            return record.value();
        }
        Map<String, byte[]> attributes = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            String name = header.key().toLowerCase(Locale.ROOT);
            if (name.startsWith(CloudEvent.BINARY_HEADER_PREFIX)) {
                attributes.put(name.substring(CloudEvent.BINARY_HEADER_PREFIX.length()), header.value());
            }
        }
        if (contentType != null) {
            attributes.put("datacontenttype", contentType.value());
        }
        return CloudEventCodec.binaryToStructured(attributes, record.value());
    }

    private static boolean isStructured(Header contentType) {
        return contentType != null && contentType.value() != null
                && new String(contentType.value(), StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT)
                .startsWith("application/cloudevents");
    }
}
