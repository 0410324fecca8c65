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

    /** Characters of a pseudonym: standard base64 of 32 bytes, 43 digits and one '=' of padding. */
    private static final int PSEUDONYM_DIGITS = 43;

    /** A subject pseudonym as the ledger issues it: standard base64 of an HMAC-SHA-256 (44 characters). */
    static String pseudonym(String field, String value) {
        present(field, value);
        if (!isPseudonym(value)) {
            throw new LetheException(ErrorCode.INVALID_FIELD,
                    field + " must be a subject pseudonym as issued by the ledger (44 characters of base64)");
        }
        return value;
    }

    /**
     * {@code [A-Za-z0-9+/]{43}=}, checked by hand: a bulk ingest checks a pseudonym per record, and the
     * regular expression's matcher cost more than the rest of a record's parsing.
     */
    static boolean isPseudonym(String value) {
        if (value.length() != PSEUDONYM_DIGITS + 1 || value.charAt(PSEUDONYM_DIGITS) != '=') {
            return false;
        }
        for (int i = 0; i < PSEUDONYM_DIGITS; i++) {
            if (!isBase64Digit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64Digit(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
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
