package io.lethe.query.http;

import io.javalin.http.Context;
import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;

/** Query-parameter parsing that answers 400 {@code BAD_REQUEST} with the parameter's name. */
final class Params {

    private Params() {
    }

    /** @return the required query parameter {@code name} as a non-negative long */
    static long nonNegative(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw bad("query parameter '" + name + "' is required");
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Falls through to the same answer as a negative number.
        }
        throw bad("query parameter '" + name + "' must be a non-negative integer");
    }

    static LetheException bad(String message) {
        return new LetheException(ErrorCode.BAD_REQUEST, message);
    }
}
