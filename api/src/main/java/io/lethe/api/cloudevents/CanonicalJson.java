package io.lethe.api.cloudevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.api.Json;
import org.erdtman.jcs.NumberToJSON;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Canonical JSON bytes as RFC 8785 (JSON Canonicalization Scheme) defines them, for everything Lethe hashes or
 * signs (log leaves, version digests, certificates): object members sorted by their names' UTF-16 code units
 * ({@link String#compareTo} order, as the RFC specifies, not by code point), no insignificant whitespace, strings
 * escaped as ECMAScript's {@code JSON.stringify} escapes them, numbers serialised as ECMAScript serialises a
 * double ({@code 1e+21}, {@code 0.000001}, {@code 4.5}, never {@code 4.50} or {@code 1.0E-6}), UTF-8. Any RFC 8785
 * implementation (e.g. the npm package {@code canonicalize}) computes the same bytes from the same JSON value.
 *
 * <p>One deliberate difference: an integer beyond ±2<sup>53</sup> (outside I-JSON's exact range, e.g. a 64-bit
 * seed) keeps all its digits instead of being rounded to the nearest double, so no two values share a hash. A JCS
 * implementation that reads numbers as doubles disagrees on exactly those values and no others.
 *
 * <p>{@link #legacyBytes} is the encoding of Lethe 0.2 (sorted keys, numbers as Jackson writes them), kept only
 * to verify leaves and certificates that were made with it.
 */
public final class CanonicalJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    /** The RFC 8785 bytes of a JSON value; NaN, infinities and lone surrogates have none and are refused. */
    public static byte[] bytes(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The RFC 8785 bytes of an object's JSON: of the value a reader of {@code Json.mapper()}'s text sees, so a
     * verifier that canonicalises the served JSON gets these bytes (a NaN metric, for one, is the string "NaN").
     */
    public static byte[] bytes(Object value) {
        try {
            return bytes(Json.mapper().readTree(Json.mapper().writeValueAsBytes(value)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** Lethe 0.2's canonical form: keys sorted, but numbers and escapes as Jackson writes them. Verification only. */
    public static byte[] legacyBytes(JsonNode value) {
        try {
            return Json.mapper().writeValueAsBytes(sorted(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise canonical JSON", e);
        }
    }

    /** {@link #legacyBytes(JsonNode)} of an object, as Jackson maps it to a JSON value. */
    public static byte[] legacyBytes(Object value) {
        return legacyBytes(Json.mapper().<JsonNode>valueToTree(value));
    }

    private static void write(JsonNode value, StringBuilder out) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            out.append("null");
        } else if (value.isObject()) {
            writeObject(value, out);
        } else if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(value.get(i), out);
            }
            out.append(']');
        } else if (value.isTextual() || value.isBinary()) {
            writeString(value.asText(), out);
        } else if (value.isBoolean()) {
            out.append(value.booleanValue());
        } else if (value.isNumber()) {
            out.append(number(value));
        } else {
            throw new IllegalArgumentException("no JSON value for " + value.getNodeType());
        }
    }

    private static void writeObject(JsonNode value, StringBuilder out) {
        List<String> names = new ArrayList<>();
        value.fieldNames().forEachRemaining(names::add);
        Collections.sort(names); // String order is UTF-16 code unit order: RFC 8785, section 3.2.3
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(names.get(i), out);
            out.append(':');
            write(value.get(names.get(i)), out);
        }
        out.append('}');
    }

    /**
     * Integers as their digits: within ±2^53 that is what ECMAScript prints for them, beyond it the exact value
     * (see the class comment). Fractions as ECMAScript prints the double.
     */
    private static String number(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        // A float's shortest decimal, read as a double, is the value a JSON reader of the bytes would see.
        double d = value.isFloat() ? Double.parseDouble(Float.toString(value.floatValue())) : value.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("JSON has no " + d + " (RFC 8785 refuses NaN and infinities)");
        }
        try {
            return NumberToJSON.serializeNumber(d);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise the number " + d, e);
        }
    }

    /** ECMAScript's JSON string escapes: the two-character ones, a six-character escape with lower-case hex for other controls. */
    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        if (isPlain(text)) {
            // Ids, digests, names: nearly every string needs no escape, so it is copied whole.
            out.append(text).append('"');
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isSurrogate(c)) {
                        i = appendSurrogatePair(text, i, out);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A well-formed pair goes through as is; a lone surrogate has no UTF-8 encoding, so I-JSON forbids it. */
    private static int appendSurrogatePair(String text, int i, StringBuilder out) {
        if (Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(text, i, i + 2);
            return i + 1;
        }
        throw new IllegalArgumentException("a string holds a lone surrogate at index " + i);
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
