package io.lethe.api.cloudevents;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the required context attributes, the optional
 * ones Lethe uses, extension attributes (lower-case names) and the JSON {@code data}.
 */
public record CloudEvent(
        String id,
        String source,
        String type,
        String subject,
        String time,
        String dataContentType,
        Map<String, String> extensions,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    /**
     * The {@code content-type} of a structured-mode Kafka record, as the CloudEvents Kafka protocol binding
     * spells it: receivers (the CloudEvents SDKs among them) pick structured mode by it.
     */
    public static final String STRUCTURED_CONTENT_TYPE = CONTENT_TYPE + "; charset=UTF-8";
    /** The Kafka header that carries {@link #STRUCTURED_CONTENT_TYPE}, or {@code datacontenttype} in binary mode. */
    public static final String CONTENT_TYPE_HEADER = "content-type";
    /** The prefix of every context attribute's header in binary mode ({@code ce_id}, {@code ce_type}, ...). */
    public static final String BINARY_HEADER_PREFIX = "ce_";

    public CloudEvent {
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public String extension(String name) {
        return extensions.get(name);
    }
}
