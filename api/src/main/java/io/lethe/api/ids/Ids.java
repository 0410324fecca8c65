package io.lethe.api.ids;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;

import java.util.regex.Pattern;

/** The one rule every external identifier follows, so ids are safe in URLs, Kafka keys and logs. */
public final class Ids {

    /**
     * Letters, digits and {@code . _ : - @ +}, 1..128 characters, starting with a letter or digit: an
     * e-mail address can name a data subject; slashes, spaces and quotes cannot appear.
     */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}");

    private Ids() {
    }

    /** Checks any external identifier against the same rule as the typed ids. */
    public static String requireSafeId(String field, String value) {
        return requireSafe(field, value);
    }

    static String requireSafe(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new LetheException(ErrorCode.MISSING_FIELD, field + " is required");
        }
        if (!SAFE_ID.matcher(value).matches()) {
            throw new LetheException(ErrorCode.INVALID_FIELD,
                    field + " must be 1-128 characters of letters, digits, '.', '_', ':', '@', '+' or '-'");
        }
        return value;
    }
}
