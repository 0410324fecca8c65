package io.lethe.producer;

import java.util.Arrays;

/**
 * A data subject's pseudonym and vault key as the ledger issued them. The key is a secret: keep it in
 * memory only, never log it; {@link #toString()} leaves it out.
 *
 * @param subjectPseudonym how every topic and event names the subject
 * @param keyId            identifies the key without revealing it; a new key after an erasure has a new id
 */
public record SubjectKey(String subjectPseudonym, byte[] key, String keyId) {

    public SubjectKey {
        if (key.length != 32) {
            throw new IllegalArgumentException("a subject key has 32 bytes, got " + key.length);
        }
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubjectKey that && subjectPseudonym.equals(that.subjectPseudonym)
                && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return subjectPseudonym.hashCode();
    }

    @Override
    public String toString() {
        return "SubjectKey[" + subjectPseudonym + ", keyId=" + keyId + "]";
    }
}
