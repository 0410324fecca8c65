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

    public CloudEvent {
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public String extension(String name) {
        return extensions.get(name);
    }
}
