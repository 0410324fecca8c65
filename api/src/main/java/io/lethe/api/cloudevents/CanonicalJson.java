package io.lethe.api.cloudevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.api.Json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Canonical JSON bytes: object keys sorted by code point at every depth, no insignificant whitespace,
 * UTF-8. Two parties that agree on the JSON value agree on these bytes, so they can be hashed and signed.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static byte[] bytes(JsonNode value) {
        try {
            return Json.mapper().writeValueAsBytes(sorted(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise canonical JSON", e);
        }
    }

    public static byte[] bytes(Object value) {
        return bytes(Json.mapper().valueToTree(value));
    }

    private static JsonNode sorted(JsonNode value) {
        if (value.isObject()) {
            List<String> names = new ArrayList<>();
            value.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode copy = Json.mapper().createObjectNode();
            for (String name : names) {
                copy.set(name, sorted(value.get(name)));
            }
            return copy;
        }
        if (value.isArray()) {
            var copy = Json.mapper().createArrayNode();
            value.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return value;
    }
}
