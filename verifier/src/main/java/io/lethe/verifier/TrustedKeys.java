package io.lethe.verifier;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The log keys a verifier accepts checkpoints from: one key, or a key history after rotations (C2SP signed notes
 * name their key by name and key id, so each signature line is checked against the one key it names).
 *
 * @param keys the trusted keys, at least one
 */
public record TrustedKeys(List<NoteVerifier> keys) {

    /** Copies the list. */
    public TrustedKeys {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("trust needs at least one key");
        }
    }

    /** Trusts one key. */
    public static TrustedKeys of(NoteVerifier key) {
        return new TrustedKeys(List.of(key));
    }

    /**
     * Parses a signed checkpoint note, checks its origin and that one of its signatures verifies under a trusted
     * key.
     *
     * @return the verified checkpoint
     * @throws VerificationException {@link Failure#NO_MATCHING_SIGNATURE} when no trusted key signed it,
     *                               {@link Failure#BAD_SIGNATURE} when a trusted key's signature line does not verify
     */
    public Checkpoint verifyCheckpoint(String noteText, String expectedOrigin) throws VerificationException {
        VerificationException bad = null;
        for (NoteVerifier key : keys) {
            try {
                return Checkpoint.verify(noteText, key, expectedOrigin);
            } catch (VerificationException e) {
                if (e.failure() != Failure.NO_MATCHING_SIGNATURE) {
                    bad = e;
                }
            }
        }
        if (bad != null) {
            throw bad;
        }
        throw new VerificationException(Failure.NO_MATCHING_SIGNATURE, "signed by " + signers(noteText)
                + ", none of the trusted keys " + ids());
    }

    /** @return the trusted keys' ids, e.g. {@code [lethe.local/log 1a2b3c4d]} */
    public String ids() {
        return keys.stream().map(k -> k.keyName() + " " + String.format("%08x", k.keyId()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String signers(String noteText) {
        try {
            return SignedNote.parse(noteText).signatures().stream()
                    .map(s -> s.keyName() + " " + String.format("%08x", s.keyId()))
                    .collect(Collectors.joining(", ", "[", "]"));
        } catch (VerificationException e) {
            return "an unreadable note";
        }
    }
}
