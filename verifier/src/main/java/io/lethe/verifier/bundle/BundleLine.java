package io.lethe.verifier.bundle;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * One line of a bundle, read strictly: exactly the fields its kind has, each of its type, base64 only in its one
 * canonical spelling (a decoder that ignores the unused low bits of the last character would let two spellings of
 * one value pass). Every problem is a {@link BadLine} naming the line and field.
 */
record BundleLine(long number, String kind, JsonNode node) {

    /** A line that does not say what a bundle line must. */
    static final class BadLine extends Exception {
        BadLine(String message) {
            super(message);
        }
    }

    /** A short name for messages, e.g. {@code line 7 (leaf)}. */
    String where() {
        return "line " + number + " (" + kind + ")";
    }

    void requireFields(String... names) throws BadLine {
        Set<String> expected = new TreeSet<>(Arrays.asList(names));
        expected.add("kind");
        Set<String> actual = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            actual.add(it.next());
        }
        if (!actual.equals(expected)) {
            throw new BadLine(where() + ": has fields " + actual + ", a " + kind + " line has " + expected);
        }
    }

    String text(String field) throws BadLine {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new BadLine(where() + ": " + field + " must be a string");
        }
        return value.textValue();
    }

    long number(String field) throws BadLine {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new BadLine(where() + ": " + field + " must be a non-negative integer");
        }
        return value.longValue();
    }

    byte[] base64(String field) throws BadLine {
        String text = text(field);
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
                throw new BadLine(where() + ": " + field + " is not canonical base64");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new BadLine(where() + ": " + field + " is not base64");
        }
    }

    JsonNode object(String field) throws BadLine {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new BadLine(where() + ": " + field + " must be an object");
        }
        return value;
    }
}
