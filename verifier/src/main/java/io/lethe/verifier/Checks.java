package io.lethe.verifier;

import java.security.MessageDigest;
import java.util.List;

/** Argument checks shared by the verifiers; each throws a {@link VerificationException} naming the reason. */
final class Checks {

    private Checks() {
    }

    static void nonNegative(String name, long value) throws VerificationException {
        if (value < 0) {
            throw new VerificationException(Failure.NEGATIVE_VALUE, name + " is negative: " + value);
        }
    }

    static void hashSize(String name, byte[] hash) throws VerificationException {
        if (hash == null || hash.length != Rfc6962.HASH_SIZE) {
            int got = hash == null ? -1 : hash.length;
            throw new VerificationException(Failure.WRONG_HASH_SIZE, name + " has " + got + " bytes");
        }
    }

    static void hashSizes(List<byte[]> proof) throws VerificationException {
        for (int i = 0; i < proof.size(); i++) {
            hashSize("proof[" + i + "]", proof.get(i));
        }
    }

    /** Constant-time comparison, so a verifier used as an oracle leaks nothing about near misses. */
    static void sameRoot(String what, byte[] computed, byte[] expected) throws VerificationException {
        if (!MessageDigest.isEqual(computed, expected)) {
            throw new VerificationException(Failure.ROOT_MISMATCH, what + " does not match the computed hash");
        }
    }

    static VerificationException wrongProofSize(String detail) {
        return new VerificationException(Failure.WRONG_PROOF_SIZE, detail);
    }
}
