package io.lethe.query.log;

import io.lethe.verifier.NoteVerifier;

import java.time.Instant;

/**
 * One public key of the log's key history ({@code query.log_keys}).
 *
 * @param verifier    the key's name and raw public key (its key id follows from them)
 * @param firstUsedAt when a query side first started signing with it
 * @param retiredAt   when a newer key replaced it; {@code null} for the current key
 */
public record LogKey(NoteVerifier verifier, Instant firstUsedAt, Instant retiredAt) {

    /** @return whether a newer key replaced this one */
    public boolean retired() {
        return retiredAt != null;
    }

    /** @return the C2SP key id as 8 lower-case hex digits, as in the verifier-key text form */
    public String keyIdHex() {
        return hex(verifier.keyId());
    }

    /** @return {@code keyId} as 8 lower-case hex digits */
    public static String hex(int keyId) {
        return String.format("%08x", keyId);
    }
}
