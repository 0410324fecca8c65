package io.lethe.query.http;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;

import java.util.Locale;

/** What a bearer token may do on the REST API; {@link AccessPolicy} says which role each route needs. */
public enum Role {
    /** Sends work: requests erasures and follows its models and erasures. */
    PRODUCER,
    /** Reads everything, including proofs about individual records and subjects; changes nothing. */
    AUDITOR,
    /** Everything, including token management. */
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code producer}, {@code auditor} or {@code admin}; anything else is a bad request. */
    public static Role parse(String value) {
        for (Role role : values()) {
            if (role.wireName().equals(value)) {
                return role;
            }
        }
        throw new LetheException(ErrorCode.BAD_REQUEST, "role must be producer, auditor or admin");
    }
}
