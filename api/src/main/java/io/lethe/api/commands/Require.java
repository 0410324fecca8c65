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

    private static final java.util.regex.Pattern PSEUDONYM = java.util.regex.Pattern.compile("[A-Za-z0-9+/]{43}=");

    /** A subject pseudonym as the ledger issues it: standard base64 of an HMAC-SHA-256 (44 characters). */
    static String pseudonym(String field, String value) {
        present(field, value);
        if (!PSEUDONYM.matcher(value).matches()) {
            throw new LetheException(ErrorCode.INVALID_FIELD,
                    field + " must be a subject pseudonym as issued by the ledger (44 characters of base64)");
        }
        return value;
    }

    /** Exactly one of two alternative fields is given. */
    static void exactlyOne(String first, Object firstValue, String second, Object secondValue) {
        if ((firstValue == null) == (secondValue == null)) {
            throw new LetheException(firstValue == null ? ErrorCode.MISSING_FIELD : ErrorCode.INVALID_FIELD,
                    "exactly one of " + first + " or " + second + " is required");
        }
    }

    static int range(String field, int value, int min, int max, ErrorCode code) {
        if (value < min || value > max) {
            throw new LetheException(code, field + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
