package io.lethe.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Erasure ids, derived by the ledger and never chosen by a producer: SHA-256 over the subject's
 * pseudonym and the id of the command that opened the erasure. Two subjects' erasures cannot share an
 * id (that would take a SHA-256 collision), and a redelivered command names the same erasure again.
 */
public final class ErasureIds {

    private ErasureIds() {
    }

    public static String derive(String commandId, String subjectPseudonym) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    ("lethe-erasure-id-v1\n" + subjectPseudonym + "\n" + commandId).getBytes(StandardCharsets.UTF_8));
            return "erasure-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
