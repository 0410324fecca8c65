package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;

import java.util.List;

/** Small named checks used by the command records' constructors. */
final class Require {

    private Require() {
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new LetheException(ErrorCode.MISSING_FIELD, field + " is required");
        }
        return value;
    }

    static String text(String field, String value, int maxLength) {
        present(field, value);
        if (value.isBlank() || value.length() > maxLength) {
            throw new LetheException(ErrorCode.INVALID_FIELD,
                    field + " must be non-blank and at most " + maxLength + " characters");
        }
        return value;
    }

    static <T> List<T> nonEmpty(String field, List<T> values) {
        present(field, values);
        if (values.isEmpty()) {
            throw new LetheException(ErrorCode.INVALID_FIELD, field + " must not be empty");
        }
        return List.copyOf(values);
    }

    static <T> List<T> optionalList(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    static int range(String field, int value, int min, int max, ErrorCode code) {
        if (value < min || value > max) {
            throw new LetheException(code, field + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
