package io.lethe.api.cloudevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.api.ErrorCode;
import io.lethe.api.Json;
import io.lethe.api.LetheException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes CloudEvents 1.0 structured JSON, rejecting anything else with a typed code. A binary-mode Kafka
 * record ({@code ce_} headers, the value is {@code data}) is read by turning it into the same JSON first
 * ({@link #binaryToStructured}), so both modes meet one parser and one set of error codes. {@code data_base64}
 * is read when {@code datacontenttype} is JSON and rejected with {@link ErrorCode#UNSUPPORTED_CONTENT_TYPE}
 * otherwise: every Lethe command is JSON.
 */
public final class CloudEventCodec {

    private static final Set<String> CONTEXT_ATTRIBUTES =
            Set.of("specversion", "id", "source", "type", "subject", "time", "datacontenttype", "dataschema", "data",
                    "data_base64");
    /**
     * CloudEvents 1.0: extension names are lower-case ASCII letters and digits. The spec only
     * recommends at most 20 characters; the contract's {@code lethetransparencyindex} has 22.
     */
    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]{1,48}");

    private CloudEventCodec() {
    }

    /** Parses one structured-mode CloudEvent; the bytes must be UTF-8 JSON of at most {@code maxBytes}. */
    public static CloudEvent parse(byte[] bytes, int maxBytes) {
        if (bytes == null || bytes.length == 0) {
            throw new LetheException(ErrorCode.MALFORMED_JSON, "empty value");
        }
        if (bytes.length > maxBytes) {
            throw new LetheException(ErrorCode.OVERSIZE,
                    "value of " + bytes.length + " bytes exceeds the limit of " + maxBytes);
        }
        JsonNode root = readTree(requireUtf8(bytes));
        if (!root.isObject()) {
            throw new LetheException(ErrorCode.NOT_A_CLOUDEVENT, "a CloudEvent must be a JSON object");
        }
        return fromTree((ObjectNode) root);
    }

    /** Writes the event as structured-mode JSON. */
    public static byte[] write(CloudEvent event) {
        try {
            return Json.mapper().writeValueAsBytes(toTree(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CloudEvent " + event.id(), e);
        }
    }

    /** The event as a JSON object, attributes first, {@code data} last. */
    public static ObjectNode toTree(CloudEvent event) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("specversion", CloudEvent.SPEC_VERSION);
        node.put("id", event.id());
        node.put("source", event.source());
        node.put("type", event.type());
        putIfPresent(node, "subject", event.subject());
        putIfPresent(node, "time", event.time());
        putIfPresent(node, "datacontenttype", event.dataContentType());
        event.extensions().forEach(node::put);
        if (event.data() != null) {
            node.set("data", event.data());
        }
        return node;
    }

    private static CloudEvent fromTree(ObjectNode root) {
        String specVersion = requiredString(root, "specversion");
        if (!CloudEvent.SPEC_VERSION.equals(specVersion)) {
            throw new LetheException(ErrorCode.UNSUPPORTED_SPEC_VERSION,
                    "specversion must be 1.0, was " + specVersion);
        }
        return new CloudEvent(
                requiredString(root, "id"),
                requiredString(root, "source"),
                requiredString(root, "type"),
                optionalString(root, "subject"),
                optionalString(root, "time"),
                optionalString(root, "datacontenttype"),
                extensions(root),
                data(root, optionalString(root, "datacontenttype")));
    }

    /**
     * A binary-mode event as structured JSON: each attribute a string member (names without the {@code ce_}
     * prefix; {@code datacontenttype} from the record's {@code content-type}), the value as {@code data} when its
     * content type is JSON (or absent), else as {@code data_base64}, which {@link #parse} then refuses.
     *
     * @param attributes header values by attribute name, as the UTF-8 bytes Kafka carries
     * @param data       the record's value; {@code null} for an event without data
     */
    public static byte[] binaryToStructured(Map<String, byte[]> attributes, byte[] data) {
        ObjectNode node = Json.mapper().createObjectNode();
        attributes.forEach((name, value) -> {
            if (name.equals("data") || name.equals("data_base64")) {
                throw new LetheException(ErrorCode.NOT_A_CLOUDEVENT, "binary mode carries data in the value, not in "
                        + CloudEvent.BINARY_HEADER_PREFIX + name);
            }
            if (value == null) {
                throw new LetheException(ErrorCode.NOT_A_CLOUDEVENT, "attribute '" + name + "' has a header without a value");
            }
            node.put(name, requireUtf8(value));
        });
        if (data != null) {
            String contentType = node.path("datacontenttype").textValue();
            if (isJson(contentType)) {
                node.set("data", readTree(requireUtf8(data)));
            } else {
                node.put("data_base64", Base64.getEncoder().encodeToString(data));
            }
        }
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a binary-mode event as JSON", e);
        }
    }

    /** {@code data}, or {@code data_base64} decoded and read as JSON; the two are mutually exclusive. */
    private static JsonNode data(ObjectNode root, String dataContentType) {
        JsonNode data = root.get("data");
        JsonNode base64 = root.get("data_base64");
        if (base64 == null || base64.isNull()) {
            return data;
        }
        if (data != null && !data.isNull()) {
            throw new LetheException(ErrorCode.NOT_A_CLOUDEVENT, "data and data_base64 are mutually exclusive");
        }
        if (!base64.isTextual()) {
            throw new LetheException(ErrorCode.NOT_A_CLOUDEVENT, "data_base64 must be a string");
        }
        if (!isJson(dataContentType)) {
            throw new LetheException(ErrorCode.UNSUPPORTED_CONTENT_TYPE,
                    "data must be JSON (datacontenttype application/json), was '" + dataContentType + "'");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.textValue());
        } catch (IllegalArgumentException e) {
            throw new LetheException(ErrorCode.NOT_A_CLOUDEVENT, "data_base64 is not base64: " + e.getMessage());
        }
        return readTree(requireUtf8(bytes));
    }

    /**
     * JSON media types: {@code application/json}, {@code text/json} and any {@code +json} suffix, parameters
     * ignored. An absent {@code datacontenttype} means JSON too, as the CloudEvents JSON format says.
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return true;
        }
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || media.equals("text/json") || media.endsWith("+json");
    }

    private static Map<String, String> extensions(ObjectNode root) {
        Map<String, String> extensions = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (CONTEXT_ATTRIBUTES.contains(name)) {
                continue;
            }
            if (!EXTENSION_NAME.matcher(name).matches() || !field.getValue().isValueNode()) {
                throw new LetheException(ErrorCode.NOT_A_CLOUDEVENT, "invalid extension attribute '" + name + "'");
            }
            extensions.put(name, field.getValue().asText());
        }
        return extensions;
    }

    private static String requiredString(ObjectNode root, String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            throw new LetheException(ErrorCode.NOT_A_CLOUDEVENT, "missing CloudEvents attribute '" + name + "'");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new LetheException(ErrorCode.NOT_A_CLOUDEVENT,
                    "CloudEvents attribute '" + name + "' must be a non-empty string");
        }
        return value.asText();
    }

    private static String optionalString(ObjectNode root, String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new LetheException(ErrorCode.NOT_A_CLOUDEVENT, "CloudEvents attribute '" + name + "' must be a string");
        }
        return value.asText();
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static String requireUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new LetheException(ErrorCode.INVALID_ENCODING, "value is not valid UTF-8");
        }
    }

    private static JsonNode readTree(String text) {
        try {
            // Trailing tokens make the value something other than one JSON document: refuse, don't guess.
            JsonNode node = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new LetheException(ErrorCode.MALFORMED_JSON, "value is not JSON");
            }
            return node;
        } catch (IOException e) {
            throw new LetheException(ErrorCode.MALFORMED_JSON, "value is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
